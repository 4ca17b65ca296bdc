//! Workbook specifics: the publish payload and the update body.

use crate::auth::ApiVersion;
use crate::error::Result;
use crate::models::{Page, PublishOptions, View, Workbook};
use crate::text::Text;
use crate::xml::RequestWriter;

impl Workbook {
    /// The views the workbook's reply listed (`get_by_id`, publish), as an unpaged list; each
    /// carries the workbook's id, as those of `populate_views` do.
    pub fn views_page(&self) -> Result<Page<View>> {
        let mut items = self.views().to_vec();
        if let Some(id) = self.id() {
            for v in &mut items {
                if v.workbook_id.is_none() {
                    v.workbook_id = Some(Text::new(id)?);
                }
            }
        }
        Ok(Page {
            items,
            pagination: None,
        })
    }

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

    /// `<workbook name showTabs description><project id/><owner id/><dataAccelerationConfig/>
    /// [<dataFreshnessPolicy/>]</workbook>` (`workbook_acceleration.rs`); the description only
    /// from API 3.21, as the Python client does.
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
                self.write_refs(e)?;
                self.write_acceleration(e)
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

    /// A `GET …/workbooks/{id}` reply as Tableau Server 2023.3 sends it, with the views.
    const GET_BY_ID: &[u8] = br#"<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns="http://tableau.com/api" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://tableau.com/api http://tableau.com/api/ts-api-3.21.xsd"><workbook id="w1" name="Superstore" description="" contentUrl="Superstore" webpageUrl="https://t/#/site/s/workbooks/1" showTabs="true" size="2" createdAt="2016-06-31T20:34:04Z" updatedAt="2023-08-02T10:00:00Z" encryptExtracts="false" defaultViewId="v1"><project id="p1" name="default"/><owner id="u1" name="admin"/><tags/><views><view id="v1" name="Overview" contentUrl="Superstore/sheets/Overview" createdAt="2023-08-02T10:00:00Z" updatedAt="2023-08-02T10:00:00Z" viewUrlName="Overview"><tags><tag label="kpi"/></tags></view><view id="v2" name="Product" contentUrl="Superstore/sheets/Product" createdAt="2023-08-02T10:00:00Z" updatedAt="2023-08-02T10:00:00Z" viewUrlName="Product"><tags/></view></views><dataAccelerationConfig accelerationEnabled="false"/></workbook></tsResponse>"#;

    #[test]
    fn a_workbook_reply_keeps_its_views_and_reads_empty_and_impossible_values_as_absent() {
        use crate::models::Model;
        let reply = crate::xml::parse_reply(GET_BY_ID, "GET x").unwrap();
        let w = Workbook::from_xml(reply.expect("workbook", "GET x").unwrap()).unwrap();
        assert_eq!(w.views().len(), 2);
        let page = w.views_page().unwrap();
        let names: Vec<_> = page.items.iter().map(|v| v.name().unwrap()).collect();
        assert_eq!(names, ["Overview", "Product"]);
        assert!(page.items.iter().all(|v| v.workbook_id() == Some("w1")));
        assert_eq!(page.items[0].tags().collect::<Vec<_>>(), ["kpi"]);
        // description="" is absent; the impossible createdAt is absent; the possible one kept
        assert_eq!(w.description(), None);
        assert_eq!(w.created_at(), None);
        assert_eq!(w.updated_at(), Some("2023-08-02T10:00:00Z"));
        // a clone carries the views; a workbook without them has an empty list
        assert_eq!(w.clone().views().len(), 2);
        assert!(Workbook::default().views_page().unwrap().items.is_empty());
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
