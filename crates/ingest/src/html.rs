use crate::IngestError;
use dom_smoothie::{Config, Readability, TextMode};
use layoffwatch_model::Document;

/// Turns an HTML page into a document holding its main article text, with
/// the page's title and published time when the page declares them.
pub fn html_to_document(id: &str, html: &str, url: Option<&str>) -> Result<Document, IngestError> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let err = |e: dom_smoothie::ReadabilityError| IngestError::Html {
        reason: e.to_string(),
    };
    let mut reader = Readability::new(html, url, Some(cfg)).map_err(err)?;
    let article = reader.parse().map_err(err)?;
    let text = normalise_blank_lines(&article.text_content);
    Ok(Document {
        id: id.to_string(),
        text: Some(text),
        html: None,
        published: article.published_time.filter(|p| p.len() >= 10),
        url: url.map(str::to_string),
        title: Some(article.title).filter(|t| !t.trim().is_empty()),
        source: article.site_name,
    })
}

/// Trims each line and keeps at most one blank line between paragraphs.
fn normalise_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// A document with its text filled: when it came as HTML, the article text
/// of the page, and the page's date and title where the document has none.
pub fn fill_text(mut doc: Document) -> Result<Document, IngestError> {
    if doc.text.is_none() {
        let html = doc.html.take().unwrap_or_default();
        let page = html_to_document(&doc.id, &html, doc.url.as_deref())?;
        doc.text = page.text;
        doc.published = doc.published.or(page.published);
        doc.title = doc.title.or(page.title);
    }
    doc.html = None;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_paragraphs_and_drops_navigation() {
        let html = r#"<html><head><title>Acme cuts jobs</title></head><body>
            <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
            <article><h1>Acme cuts jobs</h1>
            <p>Acme Corp said on Tuesday it would lay off 300 workers at its Ohio plant as demand for its
            widgets slowed sharply over the past year, the firm told employees in a note.</p>
            <p>The cuts amount to about 5% of its workforce, a spokeswoman said, adding that affected staff
            would receive severance pay and help finding new jobs in the region.</p></article>
            <footer>Copyright Example News. All rights reserved. Privacy policy.</footer></body></html>"#;
        let doc = html_to_document("a", html, None).unwrap();
        let text = doc.text.unwrap();
        assert!(text.contains("lay off 300 workers"), "{text}");
        assert!(text.contains("\n"), "paragraphs kept apart: {text}");
        assert!(!text.contains("Privacy policy"), "{text}");
    }
}
