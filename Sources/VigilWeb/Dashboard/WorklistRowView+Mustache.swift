import Mustache

// The worklist renders hundreds of rows: these lookups spare the template
// engine a `Mirror` per value, which dominates rendering time otherwise.

extension WorklistRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "patientID": patientID
        case "path": path
        case "name": self.name
        case "rank": rank
        case "severity": severity as Any
        case "severityClass": severityClass
        case "news2": news2
        case "news2Class": news2Class
        case "trendSymbol": trendSymbol
        case "trendText": trendText
        case "vitals": vitals
        case "alerts": alerts
        case "lastReading": lastReading as Any
        case "days": days
        default: nil
        }
    }
}

extension WorklistRowView.Vital: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "value": value
        case "score": score as Any
        case "scoreClass": scoreClass
        default: nil
        }
    }
}

extension WorklistRowView.AlertBrief: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "severity": severity
        case "state": state
        default: nil
        }
    }
}

extension DashboardTime.Stamp: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "iso": iso
        case "text": text
        case "ago": ago
        default: nil
        }
    }
}
