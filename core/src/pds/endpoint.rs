//! Where a PDS domain answers.

use crate::error::Error;
use crate::http::BaseUrl;

/// The address of a PDS domain's API.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Endpoint(BaseUrl);

impl Endpoint {
    /// The public endpoint of a domain: `https://{domain_id}.api.aliyunpds.com`.
    pub fn domain(domain_id: &str) -> Result<Self, Error> {
        let valid = !domain_id.is_empty() && domain_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !valid {
            return Err(Error::invalid("domain_id", "must be letters, digits and hyphens, and not empty"));
        }
        BaseUrl::parse(&format!("https://{domain_id}.api.aliyunpds.com"), "domain_id").map(Endpoint)
    }

    /// Any base URL speaking PDS: a private deployment, a proxy, or a mock server on `http://127.0.0.1:PORT`.
    pub fn base_url(url: &str) -> Result<Self, Error> {
        BaseUrl::parse(url, "base_url").map(Endpoint)
    }

    /// The endpoint a caller chose with exactly one of a domain id and a base URL.
    pub fn from_given(domain_id: Option<&str>, base_url: Option<&str>) -> Result<Self, Error> {
        match (domain_id, base_url) {
            (Some(domain_id), None) => Self::domain(domain_id),
            (None, Some(base_url)) => Self::base_url(base_url),
            (None, None) => Err(Error::invalid("domain_id", "is required: give domain_id or base_url")),
            (Some(_), Some(_)) => Err(Error::invalid("base_url", "cannot go with domain_id: give only one of them")),
        }
    }

    /// The base URL every operation's path is added to.
    pub fn url(&self) -> &BaseUrl {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_id_names_its_own_host() {
        assert_eq!(Endpoint::domain("bj1").unwrap().url().as_str(), "https://bj1.api.aliyunpds.com");
        assert_eq!(Endpoint::domain("bj1.evil.com/x").unwrap_err().field(), Some("domain_id"));
        assert_eq!(Endpoint::domain("").unwrap_err().field(), Some("domain_id"));
    }

    #[test]
    fn exactly_one_of_a_domain_id_and_a_base_url_is_given() {
        assert_eq!(Endpoint::from_given(Some("bj1"), None).unwrap(), Endpoint::domain("bj1").unwrap());
        assert_eq!(Endpoint::from_given(None, None).unwrap_err().field(), Some("domain_id"));
        assert_eq!(
            Endpoint::from_given(Some("bj1"), Some("http://127.0.0.1:1")).unwrap_err().field(),
            Some("base_url")
        );
    }
}
