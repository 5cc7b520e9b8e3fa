import Foundation

/// The little XML that S3 and the query-protocol services (SNS, SQS, CloudWatch) send back: element text by tag
/// name, in document order. Enough for their flat replies and error bodies; not a general XML parser.
public enum AWSXML {
    /// The text of every `<tag>…</tag>` (attributes allowed, namespaces prefixes not), entities decoded.
    public static func values(_ tag: String, in xml: String) -> [String] {
        var out: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<" + tag) {
            let afterName = rest[open.upperBound...]
            guard let first = afterName.first, first == ">" || first == " " || first == "/" else {
                rest = afterName
                continue
            }
            guard let close = afterName.firstIndex(of: ">") else { break }
            if close > afterName.startIndex, afterName[afterName.index(before: close)] == "/" {
                out.append("")
                rest = afterName[afterName.index(after: close)...]
                continue
            }
            let body = afterName[afterName.index(after: close)...]
            guard let end = body.range(of: "</" + tag + ">") else { break }
            out.append(unescape(String(body[..<end.lowerBound])))
            rest = body[end.upperBound...]
        }
        return out
    }

    /// The first `<tag>` text, nil when absent.
    public static func value(_ tag: String, in xml: String) -> String? { values(tag, in: xml).first }

    /// Escapes text for an element body or attribute.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = text
        for (entity, plain) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&#34;", "\""), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: plain)
        }
        return out
    }
}
