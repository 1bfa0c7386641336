extension DashboardTemplates {
    static let alerts = """
        <h1>Alerts</h1>
        <p>Open and acknowledged alerts of your patients: unacknowledged first, then most severe.</p>
        {{#isEmpty}}<p>No active alerts.</p>{{/isEmpty}}
        {{^isEmpty}}
        <table class="alerts">
        <thead><tr><th scope="col">Patient</th><th scope="col">Alert</th><th scope="col">Severity</th><th scope="col">State</th>
        <th scope="col">Escalations</th><th scope="col">Last fired</th><th scope="col">Actions</th></tr></thead>
        <tbody>
        {{#rows}}<tr data-alert-id="{{id}}"><td><a href="{{patientPath}}">{{patientName}}</a></td><th scope="row">{{title}}</th>
        <td class="sev-{{severity}}">{{severity}}</td><td data-state>{{state}}</td><td class="num">{{escalationLevel}}</td>
        <td><time datetime="{{lastFired.iso}}">{{lastFired.text}}</time> ({{lastFired.ago}})</td><td>{{> alert-actions}}</td></tr>{{/rows}}
        </tbody>
        </table>
        {{/isEmpty}}
        """
}
