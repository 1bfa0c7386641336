/// Writes the worklist's table rows directly, without the template engine.
///
/// The worklist is the one page that renders hundreds of rows on every live
/// update; a reflective template engine spent more time on it than the
/// database did, so these rows are written here, with every value escaped.
/// The rest of the page (`worklist` in `DashboardTemplates`) is a template.
enum WorklistRowsHTML {
    static func render(_ rows: [WorklistRowView]) -> String {
        var html = ""
        html.reserveCapacity(rows.count * 1100 + 64)
        if rows.isEmpty { html += "<tr><td colspan=\"8\">No patients on your care teams.</td></tr>\n" }
        for row in rows { write(row, to: &html) }
        return html
    }

    private static func write(_ row: WorklistRowView, to html: inout String) {
        html += "<tr data-patient-id=\"\(escape(row.patientID))\">\n<td class=\"num\">\(row.rank)</td>\n"
        html += "<th scope=\"row\"><a href=\"\(escape(row.path))\">\(escape(row.name))</a></th>\n<td>"
        if let severity = row.severity {
            html += "<span class=\"\(escape(row.severityClass))\">\(escape(severity))</span>"
        } else {
            html += "none"
        }
        html += "</td>\n<td class=\"num\"><span class=\"badge \(escape(row.news2Class))\" data-news2>\(escape(row.news2))</span>\n"
        if !row.trendSymbol.isEmpty { html += "<span aria-hidden=\"true\">\(row.trendSymbol)</span>\n" }
        html += "<span class=\"visually-hidden\">\(escape(row.trendText))</span></td>\n<td>"
        for vital in row.vitals {
            html += "<span class=\"vital\">\(escape(vital.name)) \(escape(vital.value))"
            if let score = vital.score {
                html += " <span class=\"badge \(escape(vital.scoreClass))\" title=\"NEWS2 sub-score\">\(escape(score))</span>"
            }
            html += "</span> "
        }
        html += "</td>\n<td>"
        for alert in row.alerts {
            html += "<div class=\"sev-\(escape(alert.severity))\">\(escape(alert.title)) (\(escape(alert.severity)), \(escape(alert.state)))</div>"
        }
        if row.alerts.isEmpty { html += "none" }
        html += "</td>\n<td>"
        if let stamp = row.lastReading {
            html += "<time datetime=\"\(escape(stamp.iso))\">\(escape(stamp.text))</time> (\(escape(stamp.ago)))"
        } else {
            html += "never"
        }
        html += "</td>\n<td class=\"num\">\(row.days)</td>\n</tr>\n"
    }

    private static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
