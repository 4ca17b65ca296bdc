//! Subscription specifics: the create and update request bodies the Python client sends:
//! create `<subscription subject attachImage attachPdf [message] [pageOrientation]
//! [pageSizeOption]><content id type sendIfViewEmpty/><schedule id/><user id/></subscription>`,
//! update `<subscription subject attachImage attachPdf pageOrientation pageSizeOption
//! suspended><schedule id/><content sendIfViewEmpty/></subscription>` (what is set).

use crate::error::{Error, Result};
use crate::models::Subscription;
use crate::xml::RequestWriter;

impl Subscription {
    /// A new subscription to create: its subject, schedule, user and content (`View` or
    /// `Workbook`, and its LUID).
    pub fn new(
        subject: &str,
        schedule_id: &str,
        user_id: &str,
        content_type: &str,
        content_id: &str,
    ) -> Result<Subscription> {
        let mut s = Subscription::default();
        s.set_subject(Some(subject))?;
        s.set_schedule_id(Some(schedule_id))?;
        s.set_user_id(Some(user_id))?;
        s.set_content_type(Some(content_type))?;
        s.set_content_id(Some(content_id))?;
        Ok(s)
    }

    pub(crate) fn request(&self, creating: bool) -> Result<Vec<u8>> {
        if creating {
            for (what, v) in [
                ("subject", self.subject()),
                ("schedule id", self.schedule_id()),
                ("user id", self.user_id()),
                ("content type", self.content_type()),
                ("content id", self.content_id()),
            ] {
                if v.is_none_or(|v| v.trim().is_empty()) {
                    return Err(Error::invalid(format!("the subscription needs a {what}")));
                }
            }
        }
        Ok(RequestWriter::new()
            .element("subscription", |e| {
                e.opt_attr("subject", self.subject())?
                    .opt_bool("attachImage", self.attach_image())?
                    .opt_bool("attachPdf", self.attach_pdf())?
                    .opt_attr("message", self.message())?
                    .opt_attr("pageOrientation", self.page_orientation())?
                    .opt_attr("pageSizeOption", self.page_size_option())?;
                if !creating {
                    e.opt_bool("suspended", self.suspended())?;
                }
                let content = |c: &mut crate::xml::Element<'_>| -> Result<()> {
                    if creating {
                        c.opt_attr("id", self.content_id())?
                            .opt_attr("type", self.content_type())?;
                    }
                    c.opt_bool("sendIfViewEmpty", self.send_if_view_empty())?;
                    Ok(())
                };
                if creating || self.send_if_view_empty().is_some() {
                    e.child("content", content)?;
                }
                if self.schedule_id().is_some() {
                    e.child("schedule", |c| {
                        c.opt_attr("id", self.schedule_id()).map(|_| ())
                    })?;
                }
                if creating {
                    e.child("user", |c| c.opt_attr("id", self.user_id()).map(|_| ()))?;
                }
                Ok(())
            })?
            .finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_bodies() {
        let mut s = Subscription::new("Daily sales", "sch", "usr", "View", "v1").unwrap();
        s.set_attach_pdf(Some(true));
        s.set_send_if_view_empty(Some(false));
        assert_eq!(
            String::from_utf8(s.request(true).unwrap()).unwrap(),
            "<tsRequest><subscription subject=\"Daily sales\" attachPdf=\"true\"><content id=\"v1\" type=\"View\" sendIfViewEmpty=\"false\"/><schedule id=\"sch\"/><user id=\"usr\"/></subscription></tsRequest>"
        );
        let mut u = Subscription::default();
        u.set_suspended(Some(true));
        assert_eq!(
            String::from_utf8(u.request(false).unwrap()).unwrap(),
            "<tsRequest><subscription suspended=\"true\"/></tsRequest>"
        );
        assert!(Subscription::default().request(true).is_err());
    }
}
