//! Data source specifics: the publish payload and the update body.

use crate::error::Result;
use crate::models::{Datasource, PublishOptions};
use crate::xml::RequestWriter;

impl Datasource {
    /// A new data source to publish: its name and the project to publish into.
    pub fn new(name: &str, project_id: &str) -> Result<Datasource> {
        let mut d = Datasource::default();
        d.set_name(Some(name))?;
        d.set_project_id(Some(project_id))?;
        Ok(d)
    }

    /// `<datasource name description useRemoteQueryAgent isCertified certificationNote>
    /// <askData enablement/><project id/><connectionCredentials/>|<connections/></datasource>`.
    pub(crate) fn publish_request(&self, name: &str, opts: &PublishOptions) -> Result<Vec<u8>> {
        Ok(RequestWriter::new()
            .element("datasource", |e| {
                e.attr("name", name)?
                    .opt_attr("description", self.description())?
                    .opt_bool("useRemoteQueryAgent", self.use_remote_query_agent())?
                    .opt_bool("isCertified", self.certified())?
                    .opt_attr("certificationNote", self.certification_note())?;
                if let Some(a) = self.ask_data_enablement() {
                    e.child("askData", |c| c.attr("enablement", a).map(|_| ()))?;
                }
                if let Some(p) = self.project_id() {
                    e.child("project", |c| c.attr("id", p).map(|_| ()))?;
                }
                opts.write_connections(e)
            })?
            .finish())
    }

    /// `<datasource name description isCertified certificationNote encryptExtracts
    /// useRemoteQueryAgent><project id/><owner id/><askData enablement/></datasource>`.
    pub(crate) fn update_request(&self) -> Result<Vec<u8>> {
        Ok(RequestWriter::new()
            .element("datasource", |e| {
                self.write_attrs(e)?;
                self.write_refs(e)
            })?
            .finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ConnectionCredentials;

    #[test]
    fn publish_payload_shape() {
        let mut d = Datasource::new("Sales", "P1").unwrap();
        d.set_certified(Some(true));
        let o = PublishOptions::new().credentials(Some(
            ConnectionCredentials::new("u", "p", false, false).unwrap(),
        ));
        let body = String::from_utf8(d.publish_request("Sales", &o).unwrap()).unwrap();
        assert_eq!(
            body,
            "<tsRequest><datasource name=\"Sales\" isCertified=\"true\"><project id=\"P1\"/>\
             <connectionCredentials name=\"u\" password=\"p\" embed=\"false\"/></datasource></tsRequest>"
        );
    }
}
