extension DashboardTemplates {
    static let rules = """
        <h1>Rules for <a href="{{patientPath}}">{{patientName}}</a></h1>
        {{#feedback.message}}<p class="{{#feedback.isError}}error{{/feedback.isError}}{{^feedback.isError}}notice{{/feedback.isError}}" role="status">{{feedback.message}}</p>{{/feedback.message}}
        <p>In effect: {{source}} rules. Until rules are saved here, the presets of the patient's conditions apply.</p>
        <table>
        <thead><tr><th scope="col">Rule</th><th scope="col">Condition</th><th scope="col">Severity</th><th scope="col">Enabled</th></tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row">{{name}}</th><td>{{condition}}</td><td>{{severity}}</td><td>{{enabled}}</td></tr>{{/rows}}
        </tbody>
        </table>
        <form method="post" action="{{formPath}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="rules">Rule set (JSON; keep a rule's id to keep its alert history; set "enabled" to false to switch one off)</label></p>
        <p><textarea id="rules" name="rules" rows="20" cols="90" spellcheck="false">{{json}}</textarea></p>
        <p><button type="submit">Save rules</button></p>
        </form>
        <h2>Presets to copy from</h2>
        {{#presets}}<details><summary>{{condition}}</summary><pre>{{json}}</pre></details>{{/presets}}
        """
}
