extension DashboardTemplates {
    static let rules = """
        <h1>Rules for <a href="{{patientPath}}">{{patientName}}</a></h1>
        {{#feedback.message}}<p class="{{#feedback.isError}}error{{/feedback.isError}}{{^feedback.isError}}notice{{/feedback.isError}}" role="status">{{feedback.message}}</p>{{/feedback.message}}
        <p>In effect: {{source}} rules. Until rules are saved here, the presets of the patient's conditions apply.</p>
        <form method="post" action="{{formPath}}/form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <table>
        <caption>Rules and presets (numbers in the vital sign's unit)</caption>
        <thead><tr><th scope="col">On</th><th scope="col">Rule</th><th scope="col">Condition</th><th scope="col">Severity</th><th scope="col">Remove</th></tr></thead>
        <tbody>
        {{#rows}}<tr data-rule-id="{{id}}">
        <td><input type="checkbox" id="on-{{index}}" name="enabled" value="{{id}}"{{#enabled}} checked{{/enabled}}><label for="on-{{index}}" class="visually-hidden">{{name}} on</label></td>
        <th scope="row">{{name}}{{#isPreset}} <span class="badge">preset</span>{{/isPreset}}</th>
        <td><label for="number-{{index}}">{{typeName}} {{relation}}</label> <input id="number-{{index}}" name="{{field}}" value="{{number}}" inputmode="decimal" size="7" required> {{unit}}{{suffix}}</td>
        <td>{{severity}}</td>
        <td>{{^isPreset}}<input type="checkbox" id="remove-{{index}}" name="remove" value="{{id}}"><label for="remove-{{index}}">Remove<span class="visually-hidden"> {{name}}</span></label>{{/isPreset}}</td>
        </tr>{{/rows}}
        </tbody>
        </table>
        <fieldset><legend>Add a threshold rule (optional)</legend>
        <p><label for="new-type">Vital sign</label> <select id="new-type" name="new.type"><option value="">—</option>{{#types}}<option value="{{value}}">{{label}}</option>{{/types}}</select>
        <label for="new-comparison">Comparison</label> <select id="new-comparison" name="new.comparison">{{#comparisons}}<option value="{{value}}">{{label}}</option>{{/comparisons}}</select>
        <label for="new-value">Threshold</label> <input id="new-value" name="new.value" inputmode="decimal" size="7"></p>
        <p><label for="new-duration">Sustained for (minutes, optional)</label> <input id="new-duration" name="new.duration" inputmode="decimal" size="5">
        <label for="new-severity">Severity</label> <select id="new-severity" name="new.severity">{{#severities}}<option value="{{value}}">{{label}}</option>{{/severities}}</select>
        <label for="new-name">Name (optional)</label> <input id="new-name" name="new.name" maxlength="200"></p>
        </fieldset>
        <p><button type="submit">Save rules</button></p>
        </form>
        <h2>Edit as JSON</h2>
        <form method="post" action="{{formPath}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="rules">Rule set (JSON; keep a rule's id to keep its alert history; set "enabled" to false to switch one off)</label></p>
        <p><textarea id="rules" name="rules" rows="20" cols="90" spellcheck="false">{{json}}</textarea></p>
        <p><button type="submit">Save rules as JSON</button></p>
        </form>
        <h2>Presets to copy from</h2>
        {{#presets}}<details><summary>{{condition}}</summary><pre>{{json}}</pre></details>{{/presets}}
        """
}
