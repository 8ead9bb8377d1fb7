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
}
