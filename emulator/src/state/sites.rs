//! Sites: a site's own record (`<site>` and its echoed attributes).

/// A site (`<site>`). Attributes other than id/name/contentUrl live in `attrs`, in the order
/// first set, and are echoed back verbatim (including ones the emulator does not know).
#[derive(Debug, Clone)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub content_url: String,
    pub attrs: Vec<(String, String)>,
    pub created_at: i64,
}

impl Site {
    pub fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    }

    pub fn set_attr(&mut self, k: &str, v: &str) {
        match self.attrs.iter_mut().find(|(a, _)| a == k) {
            Some(e) => e.1 = v.to_string(),
            None => self.attrs.push((k.to_string(), v.to_string())),
        }
    }

    pub fn is_default(&self) -> bool {
        self.content_url.is_empty()
    }
}

/// Attribute defaults of a new site, as a Tableau Server 2025.1 answers them.
pub fn default_site_attrs() -> Vec<(String, String)> {
    [
        ("adminMode", "ContentAndUsers"),
        ("state", "Active"),
        ("storageQuota", "-1"),
        ("disableSubscriptions", "false"),
        ("subscribeOthersEnabled", "true"),
        ("revisionHistoryEnabled", "true"),
        ("revisionLimit", "25"),
        ("dataAccelerationMode", "disable"),
        ("flowsEnabled", "true"),
        ("editingFlowsEnabled", "true"),
        ("schedulingFlowsEnabled", "true"),
        ("allowSubscriptionAttachments", "true"),
        ("guestAccessEnabled", "false"),
        ("cacheWarmupEnabled", "true"),
        ("commentingEnabled", "true"),
        ("extractEncryptionMode", "enabled"),
        ("requestAccessEnabled", "false"),
        ("runNowEnabled", "true"),
        ("dataAlertsEnabled", "true"),
        ("commentingMentionsEnabled", "true"),
        ("catalogObfuscationEnabled", "true"),
        ("flowAutoSaveEnabled", "true"),
        ("webExtractionEnabled", "true"),
        ("metricsContentTypeEnabled", "true"),
        ("notifySiteAdminsOnThrottle", "false"),
        ("authoringEnabled", "true"),
        ("customSubscriptionEmailEnabled", "false"),
        ("customSubscriptionEmail", "false"),
        ("customSubscriptionFooterEnabled", "false"),
        ("customSubscriptionFooter", "false"),
        ("askDataMode", "EnabledByDefault"),
        ("namedSharingEnabled", "true"),
        ("mobileBiometricsEnabled", "false"),
        ("sheetImageEnabled", "true"),
        ("catalogingEnabled", "true"),
        ("derivedPermissionsEnabled", "false"),
        ("userVisibilityMode", "FULL"),
        ("useDefaultTimeZone", "true"),
        ("autoSuspendRefreshEnabled", "true"),
        ("autoSuspendRefreshInactivityWindow", "30"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}
