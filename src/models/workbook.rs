//! Workbook specifics: the publish payload and the update body.

use crate::auth::ApiVersion;
use crate::error::Result;
use crate::models::{PublishOptions, Workbook};
use crate::xml::RequestWriter;

impl Workbook {
    /// A new workbook to publish: its name and the project to publish into.
    pub fn new(name: &str, project_id: &str) -> Result<Workbook> {
        let mut w = Workbook::default();
        w.set_name(Some(name))?;
        w.set_project_id(Some(project_id))?;
        Ok(w)
    }

    /// `<workbook name showTabs description thumbnailsUserId|thumbnailsGroupId><project id/>
    /// <connectionCredentials/>|<connections/><views><view name hidden="true"/></views></workbook>`.
    pub(crate) fn publish_request(&self, name: &str, opts: &PublishOptions) -> Result<Vec<u8>> {
        Ok(RequestWriter::new()
            .element("workbook", |e| {
                e.attr("name", name)?
                    .opt_bool("showTabs", self.show_tabs())?
                    .opt_attr("description", self.description())?;
                match (&opts.thumbnails_user_id, &opts.thumbnails_group_id) {
                    (Some(u), _) => {
                        e.attr("thumbnailsUserId", u.as_str())?;
                    }
                    (None, Some(g)) => {
                        e.attr("thumbnailsGroupId", g.as_str())?;
                    }
                    _ => {}
                }
                if let Some(p) = self.project_id() {
                    e.child("project", |c| c.attr("id", p).map(|_| ()))?;
                }
                opts.write_connections(e)?;
                if !opts.hidden_views.is_empty() {
                    e.child("views", |vs| {
                        for v in &opts.hidden_views {
                            vs.child("view", |c| {
                                c.attr("name", v.as_str())?.attr("hidden", "true")?;
                                Ok(())
                            })?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?
            .finish())
    }

    /// `<workbook name showTabs description><project id/><owner id/></workbook>`; the
    /// description only from API 3.21, as the Python client does.
    pub(crate) fn update_request(&self, version: Option<ApiVersion>) -> Result<Vec<u8>> {
        let with_description = version.is_none_or(|v| {
            v >= ApiVersion {
                major: 3,
                minor: 21,
            }
        });
        Ok(RequestWriter::new()
            .element("workbook", |e| {
                e.opt_attr("name", self.name())?
                    .opt_bool("showTabs", self.show_tabs())?;
                if with_description {
                    e.opt_attr("description", self.description())?;
                }
                self.write_refs(e)
            })?
            .finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{Connection, ConnectionCredentials};

    #[test]
    fn publish_payload_shape() {
        let mut w = Workbook::new("Sales", "P1").unwrap();
        w.set_show_tabs(Some(true));
        w.set_description(Some("Q1 & Q2")).unwrap();
        let mut conn = Connection::default();
        conn.set_server_address(Some("db")).unwrap();
        conn.set_server_port(Some("5432")).unwrap();
        let o = PublishOptions::new()
            .hide_view("Secret Sheet")
            .unwrap()
            .connection(
                &conn,
                Some(ConnectionCredentials::new("u", "p", true, true).unwrap()),
            );
        let body = String::from_utf8(w.publish_request("Sales", &o).unwrap()).unwrap();
        assert_eq!(
            body,
            "<tsRequest><workbook name=\"Sales\" showTabs=\"true\" description=\"Q1 &amp; Q2\"><project id=\"P1\"/>\
             <connections><connection serverAddress=\"db\" serverPort=\"5432\"><connectionCredentials name=\"u\" password=\"p\" embed=\"true\" oAuth=\"true\"/></connection></connections>\
             <views><view name=\"Secret Sheet\" hidden=\"true\"/></views></workbook></tsRequest>"
        );
    }

    #[test]
    fn update_drops_the_description_before_3_21() {
        let mut w = Workbook::default();
        w.set_name(Some("n")).unwrap();
        w.set_description(Some("d")).unwrap();
        let old =
            String::from_utf8(w.update_request(ApiVersion::parse("3.20").ok()).unwrap()).unwrap();
        assert!(!old.contains("description"));
        let new =
            String::from_utf8(w.update_request(ApiVersion::parse("3.21").ok()).unwrap()).unwrap();
        assert!(new.contains("description=\"d\""));
    }
}
