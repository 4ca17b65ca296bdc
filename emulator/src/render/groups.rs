//! `<group>`.

use super::*;

pub fn group(x: &mut ReplyWriter, ss: &SiteState, g: &Group, f: &Fields) {
    const R: &str = "group";
    x.open("group");
    if f.want(R, "id", true) {
        x.attr("id", &g.id);
    }
    if f.want(R, "name", true) {
        x.attr("name", &g.name);
    }
    if let Some(r) = &g.minimum_site_role {
        if f.want(R, "minimumSiteRole", true) {
            x.attr("minimumSiteRole", r);
        }
    }
    if f.want(R, "userCount", false) {
        x.attr_num("userCount", group_user_count(ss, g));
    }
    x.close();
    if f.want(R, "domainName", true) {
        x.open("domain").attr("name", &g.domain_name).empty();
    }
    x.end("group");
}

pub fn group_user_count(ss: &SiteState, g: &Group) -> usize {
    if g.all_users {
        ss.users.len()
    } else {
        g.members.len()
    }
}
