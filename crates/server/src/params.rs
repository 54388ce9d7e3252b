//! Query strings read strictly: unknown names, repeated names and values
//! that do not parse are 400 errors that name the parameter.

use crate::error::ApiError;
use std::collections::HashMap;

/// The parameters of one request, by name.
#[derive(Debug)]
pub struct Params {
    values: HashMap<String, String>,
}

impl Params {
    /// Reads a raw query string, allowing only the names in `known`.
    pub fn parse(raw: Option<&str>, known: &[&str]) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|e| ApiError::bad(format!("the query string could not be read: {e}")))?;
        let mut values = HashMap::new();
        for (name, value) in pairs {
            if !known.contains(&name.as_str()) {
                return Err(ApiError::bad(format!(
                    "unknown parameter {name:?}; this route takes {}",
                    known.join(", ")
                )));
            }
            if value.trim().is_empty() {
                return Err(ApiError::bad(format!(
                    "parameter {name:?} is empty; give a value or leave it out"
                )));
            }
            if values.insert(name.clone(), value).is_some() {
                return Err(ApiError::bad(format!("parameter {name:?} is given twice")));
            }
        }
        Ok(Params { values })
    }

    /// A value, None when absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(|v| v.trim())
    }

    /// A value parsed by `parse`, whose error message says what is allowed.
    pub fn parsed<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Option<T>,
        allowed: &str,
    ) -> Result<Option<T>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => parse(v).map(Some).ok_or_else(|| {
                ApiError::bad(format!(
                    "parameter {name}={v:?} is not valid; use {allowed}"
                ))
            }),
        }
    }

    /// A count between 1 and `max`, `default` when absent.
    pub fn limit(&self, default: u64, max: u64) -> Result<u64, ApiError> {
        let n = self.parsed(
            "limit",
            |v| v.parse::<u64>().ok().filter(|n| (1..=max).contains(n)),
            &format!("a whole number from 1 to {max}"),
        )?;
        Ok(n.unwrap_or(default))
    }
}

/// A date prefix: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn date_prefix(s: &str) -> Option<String> {
    layoffwatch_model::is_date_prefix(s).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_repeated_names_are_refused() {
        assert!(Params::parse(Some("a=1&b=2"), &["a", "b"]).is_ok());
        let e = Params::parse(Some("a=1&c=2"), &["a", "b"]).unwrap_err();
        assert!(e.to_string().contains("unknown parameter \"c\""), "{e}");
        assert!(Params::parse(Some("a=1&a=2"), &["a"]).is_err());
        assert!(Params::parse(Some("a=&b=2"), &["a", "b"]).is_err());
    }

    #[test]
    fn values_parse_or_say_what_is_allowed() {
        let p = Params::parse(
            Some("limit=0&ai=maybe&since=2024-13"),
            &["limit", "ai", "since"],
        )
        .unwrap();
        assert!(p.limit(50, 500).is_err());
        let e = p
            .parsed("ai", |v| (v == "true").then_some(()), "true or false")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("ai=\"maybe\"") && e.contains("true or false"),
            "{e}"
        );
        assert_eq!(date_prefix("2024-04"), Some("2024-04".into()));
        assert_eq!(date_prefix("2024-4"), None);
        assert_eq!(date_prefix("20x4"), None);
        assert_eq!(date_prefix("2024-13-45"), None);
        assert_eq!(date_prefix("2024-02-30"), None);
    }
}
