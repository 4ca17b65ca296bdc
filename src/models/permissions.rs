//! Permissions rules (Python `PermissionsRule`): a grantee (a user, group or group set, by LUID)
//! and capabilities, each `Allow` or `Deny`. One model serves the explicit permissions of every
//! kind of item and the default permissions of projects (`api/permissions.rs`).
//!
//! Reading follows the Python client: a reply's `<granteeCapabilities>` names its grantee as
//! the *last* descendant element with an `id` attribute (its tag, `user`, `group` or
//! `groupSet`, is the grantee type), and its capabilities are the
//! `<capabilities><capability name mode/>` inside it. A capability name libtsc does not know
//! is kept as the server sent it (a newer server may have more).

use crate::error::{Error, Result, Status};
use crate::models::{field, Model};
use crate::text::Text;
use crate::xml::RequestWriter;

/// Who a rule is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GranteeType {
    User,
    Group,
    GroupSet,
}

impl GranteeType {
    /// Every grantee type, in the order of the C enum `tsc_grantee_type`.
    pub fn all() -> [GranteeType; 3] {
        [GranteeType::User, GranteeType::Group, GranteeType::GroupSet]
    }

    /// The element naming the grantee: `user`, `group`, `groupSet`.
    pub fn element(self) -> &'static str {
        match self {
            GranteeType::User => "user",
            GranteeType::Group => "group",
            GranteeType::GroupSet => "groupSet",
        }
    }

    /// The URL segment of a delete: `users`, `groups`, `groupSets`.
    pub fn segment(self) -> &'static str {
        match self {
            GranteeType::User => "users",
            GranteeType::Group => "groups",
            GranteeType::GroupSet => "groupSets",
        }
    }

    fn from_element(name: &str) -> Option<GranteeType> {
        Self::all().into_iter().find(|g| g.element() == name)
    }
}

/// Allow or Deny.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Allow,
    Deny,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Allow => "Allow",
            Mode::Deny => "Deny",
        }
    }

    fn parse(s: &str) -> Option<Mode> {
        match s {
            "Allow" => Some(Mode::Allow),
            "Deny" => Some(Mode::Deny),
            _ => None,
        }
    }
}

/// Every capability name Tableau defines (Python `Permission.Capability`), in the order of the
/// C enum `tsc_capability`.
pub const CAPABILITIES: &[&str] = &[
    "AddComment",
    "ChangeHierarchy",
    "ChangePermissions",
    "Connect",
    "Delete",
    "Execute",
    "ExportData",
    "ExportImage",
    "ExportXml",
    "Filter",
    "ProjectLeader",
    "Read",
    "ShareView",
    "ViewComments",
    "ViewUnderlyingData",
    "VizqlDataApiAccess",
    "WebAuthoring",
    "Write",
    "RunExplainData",
    "CreateRefreshMetrics",
    "SaveAs",
    "PulseMetricDefine",
    "ExtractRefresh",
    "WebAuthoringForFlows",
];

/// One grantee's capabilities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PermissionsRule {
    grantee_type: GranteeType,
    grantee_id: Text,
    /// (capability name, mode), each name once, in the order set or received.
    capabilities: Vec<(Text, Mode)>,
}

impl PermissionsRule {
    /// A rule for this grantee, without capabilities yet.
    pub fn new(grantee_type: GranteeType, grantee_id: &str) -> Result<PermissionsRule> {
        if grantee_id.trim().is_empty() {
            return Err(Error::invalid(
                "the grantee id is empty: give the LUID of a user, group or group set",
            ));
        }
        Ok(PermissionsRule {
            grantee_type,
            grantee_id: Text::new(grantee_id)?,
            capabilities: Vec::new(),
        })
    }

    pub fn grantee_type(&self) -> GranteeType {
        self.grantee_type
    }

    pub fn grantee_id(&self) -> &str {
        self.grantee_id.as_str()
    }

    pub(crate) fn grantee_id_text(&self) -> &Text {
        &self.grantee_id
    }

    /// The capabilities, (name, mode), in order.
    pub fn capabilities(&self) -> impl Iterator<Item = (&str, Mode)> {
        self.capabilities.iter().map(|(n, m)| (n.as_str(), *m))
    }

    pub(crate) fn capability_at(&self, index: usize) -> Option<(&Text, Mode)> {
        self.capabilities.get(index).map(|(n, m)| (n, *m))
    }

    pub fn capability_count(&self) -> usize {
        self.capabilities.len()
    }

    /// The mode of a capability, if the rule has it.
    pub fn mode(&self, capability: &str) -> Option<Mode> {
        self.capabilities
            .iter()
            .find(|(n, _)| n.as_str() == capability)
            .map(|(_, m)| *m)
    }

    /// Sets a capability (one of [`CAPABILITIES`]) to `mode`, replacing its mode if the rule
    /// has it.
    pub fn set_capability(&mut self, capability: &str, mode: Mode) -> Result<()> {
        if !CAPABILITIES.contains(&capability) {
            return Err(Error::invalid(format!(
                "'{}' is not a capability Tableau defines",
                crate::error::echo(capability)
            )));
        }
        match self
            .capabilities
            .iter_mut()
            .find(|(n, _)| n.as_str() == capability)
        {
            Some(c) => c.1 = mode,
            None => self.capabilities.push((Text::new(capability)?, mode)),
        }
        Ok(())
    }

    /// Writes `<granteeCapabilities><{type} id/><capabilities><capability name mode/>…`.
    fn write(&self, e: &mut crate::xml::Element<'_>) -> Result<()> {
        e.child("granteeCapabilities", |g| {
            g.child(self.grantee_type.element(), |u| {
                u.attr("id", self.grantee_id())?;
                Ok(())
            })?;
            g.child("capabilities", |cs| {
                for (n, m) in &self.capabilities {
                    cs.child("capability", |c| {
                        c.attr("name", n.as_str())?.attr("mode", m.as_str())?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
        Ok(())
    }
}

/// `<tsRequest><permissions><granteeCapabilities>…</permissions></tsRequest>`; a rule without
/// capabilities is refused (the server would refuse it).
pub(crate) fn request(rules: &[&PermissionsRule]) -> Result<Vec<u8>> {
    if rules.is_empty() {
        return Err(Error::invalid(
            "no rules: give at least one permissions rule",
        ));
    }
    if let Some(r) = rules.iter().find(|r| r.capabilities.is_empty()) {
        return Err(Error::invalid(format!(
            "the rule for {} '{}' has no capabilities: set one with tsc_permissions_rule_set_capability",
            r.grantee_type.element(),
            crate::error::echo(r.grantee_id())
        )));
    }
    Ok(RequestWriter::new()
        .element("permissions", |p| {
            for r in rules {
                r.write(p)?;
            }
            Ok(())
        })?
        .finish())
}

fn protocol(what: String) -> Error {
    Error::new(
        Status::Protocol,
        format!("the reply's permissions cannot be read: {what}"),
    )
}

impl Model for PermissionsRule {
    const ELEMENT: &'static str = "granteeCapabilities";
    const LIST: &'static str = "permissions";

    fn from_xml(node: roxmltree::Node<'_, '_>) -> Result<Self> {
        // The grantee: the last descendant with an `id` (Python's `findall(".//*[@id]").pop()`).
        let grantee = node
            .descendants()
            .rfind(|d| *d != node && d.is_element() && d.attribute("id").is_some())
            .ok_or_else(|| protocol("a <granteeCapabilities> names no grantee".into()))?;
        let tag = grantee.tag_name().name();
        let grantee_type = GranteeType::from_element(tag).ok_or_else(|| {
            protocol(format!(
                "the grantee <{}> is not a user, group or group set",
                crate::error::echo(tag)
            ))
        })?;
        let id = field::non_empty(grantee.attribute("id").unwrap_or(""))?
            .ok_or_else(|| protocol("a grantee has an empty id".into()))?;
        let mut rule = PermissionsRule {
            grantee_type,
            grantee_id: id,
            capabilities: Vec::new(),
        };
        // `.//capabilities/capability`, as the Python client reads them.
        for caps in node
            .descendants()
            .filter(|d| d.is_element() && d.tag_name().name() == "capabilities")
        {
            for c in crate::xml::children(caps, "capability") {
                let name = c.attribute("name").unwrap_or("");
                let mode = c.attribute("mode").unwrap_or("");
                let mode = Mode::parse(mode).ok_or_else(|| {
                    protocol(format!(
                        "the capability '{}' has the mode '{}', not Allow or Deny",
                        crate::error::echo(name),
                        crate::error::echo(mode)
                    ))
                })?;
                if name.is_empty() {
                    return Err(protocol("a capability has no name".into()));
                }
                match rule
                    .capabilities
                    .iter_mut()
                    .find(|(n, _)| n.as_str() == name)
                {
                    Some(x) => x.1 = mode,
                    None => rule.capabilities.push((Text::from_server(name)?, mode)),
                }
            }
        }
        Ok(rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::Page;

    #[test]
    fn the_grantee_is_the_last_descendant_with_an_id() {
        let body = br#"<tsResponse xmlns="http://tableau.com/api"><permissions><workbook id="w1" name="W"><owner id="o1"/></workbook>
            <granteeCapabilities><group id="g1"/><capabilities><capability name="Read" mode="Allow"/><capability name="Write" mode="Deny"/></capabilities></granteeCapabilities>
            <granteeCapabilities><user id="u1"><domain id="d-ignored-first"/></user><groupSet id="gs1"/><capabilities><capability name="FutureCapability" mode="Allow"/></capabilities></granteeCapabilities>
            </permissions></tsResponse>"#;
        let page = Page::<PermissionsRule>::from_xml(body).unwrap();
        assert_eq!(page.items.len(), 2);
        let a = &page.items[0];
        assert_eq!(a.grantee_type(), GranteeType::Group);
        assert_eq!(a.grantee_id(), "g1");
        assert_eq!(
            a.capabilities().collect::<Vec<_>>(),
            vec![("Read", Mode::Allow), ("Write", Mode::Deny)]
        );
        let b = &page.items[1];
        assert_eq!(b.grantee_type(), GranteeType::GroupSet);
        assert_eq!(b.grantee_id(), "gs1");
        assert_eq!(b.mode("FutureCapability"), Some(Mode::Allow));
    }

    #[test]
    fn bad_replies_are_protocol_errors() {
        for body in [
            &br#"<tsResponse><permissions><granteeCapabilities><capabilities/></granteeCapabilities></permissions></tsResponse>"#[..],
            br#"<tsResponse><permissions><granteeCapabilities><site id="s"/></granteeCapabilities></permissions></tsResponse>"#,
            br#"<tsResponse><permissions><granteeCapabilities><user id="u"/><capabilities><capability name="Read" mode="Maybe"/></capabilities></granteeCapabilities></permissions></tsResponse>"#,
        ] {
            let e = Page::<PermissionsRule>::from_xml(body).unwrap_err();
            assert_eq!(e.status(), Status::Protocol, "{e}");
        }
    }

    #[test]
    fn requests_carry_every_rule_and_refuse_empty_ones() {
        let mut a = PermissionsRule::new(GranteeType::User, "u1").unwrap();
        a.set_capability("Read", Mode::Allow).unwrap();
        a.set_capability("Read", Mode::Deny).unwrap();
        a.set_capability("ExportXml", Mode::Allow).unwrap();
        assert!(a.set_capability("Fly", Mode::Allow).is_err());
        let mut b = PermissionsRule::new(GranteeType::GroupSet, "gs & co").unwrap();
        b.set_capability("Write", Mode::Deny).unwrap();
        assert_eq!(
            String::from_utf8(request(&[&a, &b]).unwrap()).unwrap(),
            r#"<tsRequest><permissions><granteeCapabilities><user id="u1"/><capabilities><capability name="Read" mode="Deny"/><capability name="ExportXml" mode="Allow"/></capabilities></granteeCapabilities><granteeCapabilities><groupSet id="gs &amp; co"/><capabilities><capability name="Write" mode="Deny"/></capabilities></granteeCapabilities></permissions></tsRequest>"#
        );
        let empty = PermissionsRule::new(GranteeType::Group, "g").unwrap();
        assert!(request(&[&empty]).is_err());
        assert!(request(&[]).is_err());
        assert!(PermissionsRule::new(GranteeType::User, " ").is_err());
        assert_eq!(CAPABILITIES.len(), 24);
    }
}
