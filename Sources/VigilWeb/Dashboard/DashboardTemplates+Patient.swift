extension DashboardTemplates {
    static let patient = """
        <article data-live data-live-patient="{{patientID}}">
        <h1>{{name}} <span class="badge {{news2Class}}">NEWS2 {{news2}}</span></h1>
        <p id="live-notice" class="notice" role="status" hidden>New data has arrived. <a href="">Reload the page</a> to see it.</p>
        <p><span id="live-status" class="live-status" role="status" aria-live="polite"></span></p>
        <section aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest values</h2>
        {{^latest}}<p>No readings yet.</p>{{/latest}}
        <table>
        <thead><tr><th scope="col">Vital sign</th><th scope="col">Value</th><th scope="col">NEWS2 sub-score</th><th scope="col">Measured</th></tr></thead>
        <tbody>
        {{#latest}}<tr><th scope="row">{{name}}</th><td class="num">{{value}}</td><td>{{#score}}<span class="badge {{scoreClass}}">{{score}}</span>{{/score}}{{^score}}—{{/score}}</td><td><time datetime="{{time.iso}}">{{time.text}}</time> ({{time.ago}})</td></tr>{{/latest}}
        </tbody>
        </table>
        </section>
        <section aria-labelledby="trends-heading">
        <h2 id="trends-heading">Trends over {{rangeLabel}}</h2>
        <nav aria-label="Chart period"><ul class="ranges">
        {{#ranges}}<li><a href="{{path}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/ranges}}
        </ul></nav>
        <p>Shaded band: lowest to highest in each period; line: average; dashed lines: NEWS2 thresholds (green: normal range edge, red: scores 3).</p>
        <div class="charts">
        {{#news2Chart}}<figure>{{{svg}}}<figcaption><strong>NEWS2 history.</strong> {{summary}}</figcaption></figure>{{/news2Chart}}
        {{#charts}}<figure>{{{svg}}}<figcaption><strong>{{title}}.</strong> {{summary}}</figcaption></figure>{{/charts}}
        </div>
        </section>
        {{#isStaff}}
        <p><a href="{{rulesPath}}">Alerting rules</a></p>
        <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts</h2>
        {{^hasAlerts}}<p>No alerts.</p>{{/hasAlerts}}
        {{#hasAlerts}}
        <table class="alerts">
        <thead><tr><th scope="col">Alert</th><th scope="col">Severity</th><th scope="col">State</th><th scope="col">First fired</th><th scope="col">Times</th><th scope="col">Note</th><th scope="col">Actions</th></tr></thead>
        <tbody>
        {{#alerts}}<tr data-alert-id="{{id}}"><th scope="row">{{title}}</th><td class="sev-{{severity}}">{{severity}}</td><td data-state>{{state}}</td>
        <td><time datetime="{{firstFired.iso}}">{{firstFired.text}}</time></td><td class="num">{{occurrences}}</td><td>{{note}}</td>
        <td>{{> alert-actions}}</td></tr>{{/alerts}}
        </tbody>
        </table>
        {{/hasAlerts}}
        </section>
        <section aria-labelledby="devices-heading">
        <h2 id="devices-heading">Devices</h2>
        {{^hasDevices}}<p>No devices.</p>{{/hasDevices}}
        {{#hasDevices}}
        <table>
        <thead><tr><th scope="col">Device</th><th scope="col">Status</th><th scope="col">Last reading received</th></tr></thead>
        <tbody>
        {{#devices}}<tr><th scope="row">{{id}}</th><td>{{status}}</td><td>{{#lastReading}}<time datetime="{{iso}}">{{text}}</time> ({{ago}}){{/lastReading}}{{^lastReading}}none yet{{/lastReading}}</td></tr>{{/devices}}
        </tbody>
        </table>
        {{/hasDevices}}
        </section>
        {{/isStaff}}
        </article>
        """

    /// Acknowledge and resolve forms of one alert, each with an optional note.
    static let alertActions = """
        {{#acknowledgePath}}<form class="inline" method="post" action="{{acknowledgePath}}">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{returnPath}}">
        <label for="ack-note-{{id}}">Note</label> <input id="ack-note-{{id}}" name="note" maxlength="2000">
        <button type="submit" data-action="acknowledge">Acknowledge</button></form>{{/acknowledgePath}}
        {{#resolvePath}}<form class="inline" method="post" action="{{resolvePath}}">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{returnPath}}">
        <label for="res-note-{{id}}">Note</label> <input id="res-note-{{id}}" name="note" maxlength="2000">
        <button type="submit" data-action="resolve">Resolve</button></form>{{/resolvePath}}
        """
}
