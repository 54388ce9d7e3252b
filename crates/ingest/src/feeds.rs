//! RSS and Atom feeds: each item becomes a document with its link, title
//! and date. Its text is the item's full content when the feed carries it
//! (`content:encoded`, Atom `content`), otherwise its title and summary.

use layoffwatch_model::Document;
use std::io::Read;

/// One item of a feed as a document, or why the feed could not be read.
#[derive(Debug)]
pub struct FeedItem {
    /// The item's position in the feed, from 1.
    pub position: usize,
    pub result: Result<Document, String>,
}

/// A feed's items, in feed order. A feed that cannot be parsed is one error.
pub fn feed_items(reader: impl Read) -> Vec<FeedItem> {
    let feed = match feed_rs::parser::parse(reader) {
        Ok(f) => f,
        Err(e) => {
            return vec![FeedItem {
                position: 0,
                result: Err(format!("not a readable RSS or Atom feed: {e}")),
            }]
        }
    };
    let outlet = feed.title.as_ref().map(|t| plain(&t.content));
    feed.entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| FeedItem {
            position: i + 1,
            result: item_document(entry, outlet.as_deref()),
        })
        .collect()
}

fn item_document(entry: feed_rs::model::Entry, outlet: Option<&str>) -> Result<Document, String> {
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let title = entry
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty());
    let full = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(plain)
        .filter(|t| !t.is_empty());
    let text = match full {
        Some(t) => t,
        None => {
            let summary = entry.summary.as_ref().map(|s| plain(&s.content));
            [title.clone(), summary]
                .into_iter()
                .flatten()
                .filter(|t| !t.is_empty())
                .map(|t| {
                    if t.ends_with(['.', '!', '?']) {
                        t
                    } else {
                        format!("{t}.")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n\n")
        }
    };
    if text.trim().is_empty() {
        return Err("an item with neither text nor title".into());
    }
    let id = url
        .clone()
        .or_else(|| (!entry.id.is_empty()).then(|| entry.id.clone()))
        .ok_or("an item with neither link nor id")?;
    Ok(Document {
        id,
        text: Some(text),
        html: None,
        published: entry
            .published
            .or(entry.updated)
            .map(|d| d.format("%Y-%m-%d").to_string()),
        url,
        title,
        source: outlet.map(str::to_string),
    })
}

/// The text of an HTML fragment (feeds carry HTML in their text fields),
/// paragraphs kept apart.
fn plain(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return html.trim().to_string();
    }
    let doc = dom_query::Document::fragment(html);
    for block in ["p", "div", "li", "h1", "h2", "h3", "h4", "br", "blockquote"] {
        doc.select(block).append_html("\n\n");
    }
    let text = doc.root().text();
    let mut out = String::with_capacity(text.len());
    for para in text.split("\n\n") {
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if !para.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&para);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_documents_with_full_text_when_carried() {
        let rss = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title>
<item><title>Acme to cut 300 jobs</title><link>https://wire.example/acme</link>
<pubDate>Wed, 03 Apr 2024 09:00:00 GMT</pubDate>
<description>Short teaser</description>
<content:encoded><![CDATA[<p>Acme Corp will lay off 300 workers.</p><p>The cuts hit its Ohio plant &amp; offices.</p>]]></content:encoded>
</item>
<item><title>Beta Inc trims staff</title><link>https://wire.example/beta</link>
<description>Beta Inc said it would cut 40 jobs</description></item>
</channel></rss>"#;
        let items = feed_items(rss.as_bytes());
        assert_eq!(items.len(), 2);
        let a = items[0].result.as_ref().unwrap();
        assert_eq!(a.id, "https://wire.example/acme");
        assert_eq!(a.published.as_deref(), Some("2024-04-03"));
        assert_eq!(a.source.as_deref(), Some("Example Wire"));
        assert_eq!(
            a.text.as_deref(),
            Some("Acme Corp will lay off 300 workers.\n\nThe cuts hit its Ohio plant & offices.")
        );
        let b = items[1].result.as_ref().unwrap();
        assert_eq!(
            b.text.as_deref(),
            Some("Beta Inc trims staff.\n\nBeta Inc said it would cut 40 jobs.")
        );
        assert!(b.published.is_none());
    }

    #[test]
    fn atom_entries_are_read() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tech Desk</title><id>urn:x</id>
<updated>2024-05-01T00:00:00Z</updated>
<entry><title>Gamma lays off 5%</title><id>urn:gamma</id>
<link rel="alternate" href="https://tech.example/gamma"/>
<published>2024-04-30T12:00:00Z</published><updated>2024-05-01T00:00:00Z</updated>
<content type="html">&lt;p&gt;Gamma Ltd is laying off 5% of its staff.&lt;/p&gt;</content></entry>
</feed>"#;
        let items = feed_items(atom.as_bytes());
        let g = items[0].result.as_ref().unwrap();
        assert_eq!(g.url.as_deref(), Some("https://tech.example/gamma"));
        assert_eq!(g.published.as_deref(), Some("2024-04-30"));
        assert_eq!(
            g.text.as_deref(),
            Some("Gamma Ltd is laying off 5% of its staff.")
        );
    }

    #[test]
    fn a_broken_feed_is_one_error() {
        let items = feed_items(&b"<rss><channel><item>"[..]);
        assert_eq!(items.len(), 1);
        assert!(items[0].result.as_ref().unwrap_err().contains("feed"));
    }
}
