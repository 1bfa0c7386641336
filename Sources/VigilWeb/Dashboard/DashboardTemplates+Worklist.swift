extension DashboardTemplates {
    static let worklist = """
        <section data-live data-live-fragment="{{fragment}}">
        <h1>Worklist</h1>
        <p>Most urgent first: open alert severity, then NEWS2, then longest without a reading.
        <span id="live-status" class="live-status" role="status" aria-live="polite"></span></p>
        <table class="worklist">
        <caption class="visually-hidden">Patients, most urgent first</caption>
        <thead><tr>
        <th scope="col">#</th><th scope="col">Patient</th><th scope="col">Open alert</th><th scope="col">NEWS2</th>
        <th scope="col">Latest vitals (NEWS2 sub-score)</th><th scope="col">Active alerts</th>
        <th scope="col">Last reading</th><th scope="col">Days with readings this month</th>
        </tr></thead>
        <tbody id="live-target">
        {{{rows}}}
        </tbody>
        </table>
        </section>
        """

    static let worklistRows = """
        {{#isEmpty}}<tr><td colspan="8">No patients on your care teams.</td></tr>{{/isEmpty}}
        {{#rows}}
        <tr data-patient-id="{{patientID}}">
        <td class="num">{{rank}}</td>
        <th scope="row"><a href="{{path}}">{{name}}</a></th>
        <td>{{#severity}}<span class="{{severityClass}}">{{severity}}</span>{{/severity}}{{^severity}}none{{/severity}}</td>
        <td class="num"><span class="badge {{news2Class}}" data-news2>{{news2}}</span>
        {{#trendSymbol}}<span aria-hidden="true">{{trendSymbol}}</span>{{/trendSymbol}}
        <span class="visually-hidden">{{trendText}}</span></td>
        <td>{{#vitals}}<span class="vital">{{name}} {{value}}{{#score}} <span class="badge {{scoreClass}}" title="NEWS2 sub-score">{{score}}</span>{{/score}}</span> {{/vitals}}</td>
        <td>{{#alerts}}<div class="sev-{{severity}}">{{title}} ({{severity}}, {{state}})</div>{{/alerts}}{{^alerts}}none{{/alerts}}</td>
        <td>{{#lastReading}}<time datetime="{{iso}}">{{text}}</time> ({{ago}}){{/lastReading}}{{^lastReading}}never{{/lastReading}}</td>
        <td class="num">{{days}}</td>
        </tr>
        {{/rows}}
        """
}
