//! `ServerInfo`: product version, build and REST API version from `GET /serverinfo`.

use crate::error::Result;
use crate::text::Text;
use crate::xml;

/// What the server says about itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServerInfo {
    pub(crate) product_version: Option<Text>,
    pub(crate) build_number: Option<Text>,
    pub(crate) rest_api_version: Option<Text>,
}

impl ServerInfo {
    /// The product version, e.g. `2025.1.0`.
    pub fn product_version(&self) -> Option<&str> {
        self.product_version.as_ref().map(Text::as_str)
    }
    /// The build number, e.g. `20251.25.0101.1200`.
    pub fn build_number(&self) -> Option<&str> {
        self.build_number.as_ref().map(Text::as_str)
    }
    /// The highest REST API version the server supports, e.g. `3.25`.
    pub fn rest_api_version(&self) -> Option<&str> {
        self.rest_api_version.as_ref().map(Text::as_str)
    }

    pub(crate) fn parse(body: &[u8], label: &str) -> Result<ServerInfo> {
        let reply = xml::parse_reply(body, label)?;
        let info = reply.expect("serverInfo", label)?;
        let text =
            |n: roxmltree::Node<'_, '_>| n.text().map(|t| Text::from_server(t.trim())).transpose();
        let product = xml::child(info, "productVersion");
        Ok(ServerInfo {
            product_version: product.map(text).transpose()?.flatten(),
            build_number: product
                .and_then(|p| p.attribute("build"))
                .map(Text::from_server)
                .transpose()?,
            rest_api_version: xml::child(info, "restApiVersion")
                .map(text)
                .transpose()?
                .flatten(),
        })
    }
}
