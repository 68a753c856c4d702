//! Text exports of the graph: DOT (Graphviz), GraphML (Gephi, networkx,
//! yEd) and JSON.

use std::fmt::Write;

use super::CitationGraph;
use crate::model::VersionStatus;

/// Escapes text for XML attributes and content.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if ((c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r'))
                || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// The graph in Graphviz DOT, nodes of one year on one rank.
pub fn to_dot(g: &CitationGraph) -> String {
    let mut s = String::from(
        "digraph citations {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"sans-serif\"];\n",
    );
    for n in &g.nodes {
        let date = n.doc.date.map(|d| d.to_string()).unwrap_or_default();
        let mut attrs = format!(
            "label=\"{}\\n{}\", date=\"{}\", in_degree={}, out_degree={}, pagerank={:.6}, component={}",
            dot_escape(&n.doc.title),
            dot_escape(&date),
            dot_escape(&date),
            n.in_degree,
            n.out_degree,
            n.pagerank,
            n.component
        );
        if let Some(r) = n.round {
            let _ = write!(attrs, ", round={r}");
        }
        if n.seed {
            attrs.push_str(", style=\"rounded,filled,bold\", fillcolor=\"#ffd866\"");
        } else if n.external {
            attrs.push_str(", style=\"rounded,dashed\"");
        }
        let _ = writeln!(s, "  \"{}\" [{attrs}];", n.key);
    }
    let mut years: std::collections::BTreeMap<i32, Vec<&str>> = std::collections::BTreeMap::new();
    for n in &g.nodes {
        if let Some(y) = n.year {
            years.entry(y).or_default().push(&n.key);
        }
    }
    for (y, keys) in years {
        let list: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
        let _ = writeln!(s, "  {{ rank=same; /* {y} */ {}; }}", list.join("; "));
    }
    for e in &g.edges {
        let style = match e.version {
            VersionStatus::LaterThanCiting => ", style=dashed, color=\"#c0392b\"",
            _ => "",
        };
        let _ = writeln!(
            s,
            "  \"{}\" -> \"{}\" [weight={}, version=\"{}\"{style}];",
            g.nodes[e.source].key,
            g.nodes[e.target].key,
            e.references,
            e.version.as_str()
        );
    }
    s.push_str("}\n");
    s
}

/// The graph in GraphML with typed attributes.
pub fn to_graphml(g: &CitationGraph) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    let keys = [
        ("label", "node", "string"),
        ("title", "node", "string"),
        ("date", "node", "string"),
        ("source_path", "node", "string"),
        ("catalog_no", "node", "string"),
        ("year", "node", "int"),
        ("round", "node", "int"),
        ("seed", "node", "boolean"),
        ("external", "node", "boolean"),
        ("in_degree", "node", "int"),
        ("out_degree", "node", "int"),
        ("pagerank", "node", "double"),
        ("component", "node", "int"),
        ("weight", "edge", "int"),
        ("version", "edge", "string"),
    ];
    for (name, domain, ty) in keys {
        let _ =
            writeln!(s, "  <key id=\"{name}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>");
    }
    s.push_str("  <graph id=\"citations\" edgedefault=\"directed\">\n");
    for n in &g.nodes {
        let _ = writeln!(s, "    <node id=\"{}\">", xml_escape(&n.key));
        let mut data = |k: &str, v: String| {
            let _ = writeln!(s, "      <data key=\"{k}\">{}</data>", xml_escape(&v));
        };
        data("label", n.doc.title.clone());
        data("title", n.doc.title.clone());
        if let Some(d) = &n.doc.date {
            data("date", d.to_string());
        }
        if let Some(p) = &n.doc.source_path {
            data("source_path", p.clone());
        }
        if let Some(c) = &n.doc.catalog_no {
            data("catalog_no", c.clone());
        }
        if let Some(y) = n.year {
            data("year", y.to_string());
        }
        if let Some(r) = n.round {
            data("round", r.to_string());
        }
        data("seed", n.seed.to_string());
        data("external", n.external.to_string());
        data("in_degree", n.in_degree.to_string());
        data("out_degree", n.out_degree.to_string());
        data("pagerank", format!("{:.8}", n.pagerank));
        data("component", n.component.to_string());
        s.push_str("    </node>\n");
    }
    for (i, e) in g.edges.iter().enumerate() {
        let _ = writeln!(
            s,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">\n      <data key=\"weight\">{}</data>\n      \
             <data key=\"version\">{}</data>\n    </edge>",
            xml_escape(&g.nodes[e.source].key),
            xml_escape(&g.nodes[e.target].key),
            e.references,
            e.version.as_str()
        );
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

/// The graph as pretty JSON (nodes with metrics, edges by node index).
pub fn to_json(g: &CitationGraph) -> crate::Result<String> {
    Ok(serde_json::to_string_pretty(g)?)
}
