//! The closed code lists of the contract: reasons and job functions.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A code string that is not in the contract's list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} code {code:?}; expected one of: {expected}")]
pub struct UnknownCode {
    pub kind: &'static str,
    pub code: String,
    pub expected: String,
}

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl $name {
            /// Every code, in the contract's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code as written in the contract.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok($name::$variant),)+
                    _ => Err(UnknownCode {
                        kind: $kind,
                        code: s.to_string(),
                        expected: [$($code),+].join(", "),
                    }),
                }
            }
        }
    };
}

code_enum!(
    /// Why a cut happened, per the text.
    Reason, "reason", {
        AiAutomation => "ai_automation",
        TechnologyChange => "technology_change",
        Restructuring => "restructuring",
        CostCutting => "cost_cutting",
        Duplication => "duplication",
        EconomicConditions => "economic_conditions",
        Closure => "closure",
        MergerAcquisition => "merger_acquisition",
        Bankruptcy => "bankruptcy",
        Outsourcing => "outsourcing",
        Funding => "funding",
        GovernmentPolicy => "government_policy",
        Performance => "performance",
    }
);

code_enum!(
    /// The kind of work the affected jobs did.
    Function, "function", {
        Sales => "sales",
        Marketing => "marketing",
        CustomerSupport => "customer_support",
        Operations => "operations",
        Engineering => "engineering",
        Product => "product",
        Design => "design",
        HrRecruiting => "hr_recruiting",
        Finance => "finance",
        LegalCompliance => "legal_compliance",
        Training => "training",
        ProgramManagement => "program_management",
        ContentModeration => "content_moderation",
        RetailStore => "retail_store",
        Manufacturing => "manufacturing",
        Research => "research",
        Management => "management",
        Administrative => "administrative",
        MediaContent => "media_content",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_strings_and_json() {
        for r in Reason::ALL {
            assert_eq!(r.as_str().parse::<Reason>().unwrap(), *r);
            let json = serde_json::to_string(r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
        }
        for f in Function::ALL {
            assert_eq!(f.as_str().parse::<Function>().unwrap(), *f);
        }
    }

    #[test]
    fn unknown_code_names_the_choices() {
        let err = "layoffs".parse::<Reason>().unwrap_err();
        assert!(err.to_string().contains("cost_cutting"), "{err}");
    }
}
