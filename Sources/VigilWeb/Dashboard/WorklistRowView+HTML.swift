// The worklist renders hundreds of rows on every load and every live update:
// they are written directly rather than through the template engine, whose
// per-value lookups (dynamic casts) cost several times the page's queries.

extension WorklistRowView {
    /// The `<tbody>` content of `rows`: a row per patient, or a line saying there are none.
    static func html(_ rows: [WorklistRowView]) -> String {
        guard !rows.isEmpty else { return #"<tr><td colspan="8">No patients on your care teams.</td></tr>"# }
        var html = ""
        html.reserveCapacity(rows.count * 900)
        for row in rows { row.append(to: &html) }
        return html
    }

    /// One `<tr>`: every value escaped, every NEWS2 colour with its number.
    func append(to html: inout String) {
        let e = HTMLText.escape
        html += #"<tr data-patient-id="\#(e(patientID))">"# + "\n"
        html += #"<td class="num">\#(rank)</td>"# + "\n"
        html += #"<th scope="row"><a href="\#(e(path))">\#(e(name))</a></th>"# + "\n"
        if let severity {
            html += #"<td><span class="\#(e(severityClass))">\#(e(severity))</span></td>"# + "\n"
        } else {
            html += "<td>none</td>\n"
        }
        html += #"<td class="num"><span class="badge \#(e(news2Class))" data-news2>\#(e(news2))</span>"# + "\n"
        if !trendSymbol.isEmpty { html += #"<span aria-hidden="true">\#(e(trendSymbol))</span>"# + "\n" }
        html += #"<span class="visually-hidden">\#(e(trendText))</span></td>"# + "\n<td>"
        for vital in vitals {
            html += #"<span class="vital">\#(e(vital.name)) \#(e(vital.value))"#
            if let score = vital.score {
                html += #" <span class="badge \#(e(vital.scoreClass))" title="NEWS2 sub-score">\#(e(score))</span>"#
            }
            html += "</span> "
        }
        html += "</td>\n<td>"
        if alerts.isEmpty { html += "none" }
        for alert in alerts {
            html += #"<div class="sev-\#(e(alert.severity))">\#(e(alert.title)) (\#(e(alert.severity)), \#(e(alert.state)))</div>"#
        }
        html += "</td>\n<td>"
        if let lastReading {
            html += #"<time datetime="\#(e(lastReading.iso))">\#(e(lastReading.text))</time> (\#(e(lastReading.ago)))"#
        } else {
            html += "never"
        }
        html += "</td>\n" + #"<td class="num">\#(days)</td>"# + "\n</tr>\n"
    }
}
