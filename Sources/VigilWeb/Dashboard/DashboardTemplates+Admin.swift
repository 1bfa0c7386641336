extension DashboardTemplates {
    /// The message after an admin form, announced to screen readers.
    private static let feedback = """
        {{#feedback.message}}<p class="{{#feedback.isError}}error{{/feedback.isError}}{{^feedback.isError}}notice{{/feedback.isError}}" role="status">{{feedback.message}}</p>{{/feedback.message}}
        """

    static let adminPatients = """
        <h1>Patients</h1>
        \(feedback)
        <form method="post" action="/dashboard/admin/patients">
        <fieldset><legend>New patient</legend>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="displayName">Name</label> <input id="displayName" name="displayName" required maxlength="200"></p>
        <p><label for="birthDate">Birth date (YYYY-MM-DD)</label> <input id="birthDate" name="birthDate" pattern="\\d{4}-\\d{2}-\\d{2}"></p>
        <p><label for="mrn">MRN</label> <input id="mrn" name="mrn" maxlength="64"></p>
        <p><label for="news2Scale">NEWS2 SpO₂ scale</label> <select id="news2Scale" name="news2Scale"><option value="1">Scale 1</option><option value="2">Scale 2 (hypercapnic)</option></select></p>
        <p><button type="submit">Create patient</button></p>
        </fieldset>
        </form>
        <table>
        <thead><tr><th scope="col">Name</th><th scope="col">MRN</th><th scope="col">Birth date</th><th scope="col">SpO₂ scale</th><th scope="col">Details and care team</th></tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row"><a href="{{path}}">{{name}}</a></th><td>{{mrn}}</td><td>{{birthDate}}</td><td>{{scale}}</td><td><a href="{{editPath}}">Edit<span class="visually-hidden"> {{name}}</span></a></td></tr>{{/rows}}
        </tbody>
        </table>
        """

    static let adminPatient = """
        <h1>Edit <a href="{{patientPath}}">{{name}}</a></h1>
        \(feedback)
        <form method="post" action="{{path}}">
        <fieldset><legend>Details</legend>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="displayName">Name</label> <input id="displayName" name="displayName" required maxlength="200" value="{{name}}"></p>
        <p><label for="birthDate">Birth date (YYYY-MM-DD)</label> <input id="birthDate" name="birthDate" value="{{birthDate}}"></p>
        <p><label for="mrn">MRN</label> <input id="mrn" name="mrn" maxlength="64" value="{{mrn}}"></p>
        <p><label for="news2Scale">NEWS2 SpO₂ scale</label> <select id="news2Scale" name="news2Scale"><option value="1">Scale 1</option><option value="2"{{#scale2}} selected{{/scale2}}>Scale 2 (hypercapnic)</option></select></p>
        <fieldset><legend>Conditions (switch on their alerting presets)</legend>
        {{#conditions}}<label><input type="checkbox" name="condition" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label> {{/conditions}}
        </fieldset>
        <p><button type="submit">Save patient</button></p>
        </fieldset>
        </form>
        <form method="post" action="{{path}}/care-team">
        <fieldset><legend>Care team</legend>
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{^hasClinicians}}<p>There are no clinicians yet.</p>{{/hasClinicians}}
        {{#clinicians}}<p><label><input type="checkbox" name="clinician" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label></p>{{/clinicians}}
        <p><button type="submit">Save care team</button></p>
        </fieldset>
        </form>
        """

    static let adminDevices = """
        <h1>Devices</h1>
        \(feedback)
        {{#secret}}
        <section class="notice" aria-labelledby="secret-heading">
        <h2 id="secret-heading">{{heading}}</h2>
        <p>Copy it now: it is shown only once.</p>
        <p class="secret" data-connection-string>{{connectionString}}</p>
        </section>
        {{/secret}}
        <form method="post" action="/dashboard/admin/devices">
        <fieldset><legend>New device</legend>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="patientId">Patient</label> <select id="patientId" name="patientId" required>{{#patients}}<option value="{{id}}">{{name}}</option>{{/patients}}</select></p>
        <p><label for="deviceId">Device id (optional)</label> <input id="deviceId" name="deviceId" maxlength="128"></p>
        <p><button type="submit">Create device</button></p>
        </fieldset>
        </form>
        <table>
        <thead><tr><th scope="col">Device</th><th scope="col">Patient</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row">{{id}}</th><td><a href="{{patientPath}}">{{patientName}}</a>
        <form class="inline" method="post" action="{{actionsPath}}/rebind"><input type="hidden" name="csrf" value="{{csrf}}">
        <label for="rebind-{{index}}">Bind<span class="visually-hidden"> {{id}}</span> to</label> <select id="rebind-{{index}}" name="patientId">{{#patients}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/patients}}</select>
        <button type="submit">Rebind<span class="visually-hidden"> {{id}}</span></button></form></td>
        <td>{{status}}</td>
        <td><form class="inline" method="post" action="{{actionsPath}}/{{toggle}}"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{toggle}}<span class="visually-hidden"> {{id}}</span></button></form>
        <form class="inline" method="post" action="{{actionsPath}}/rotate"><input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" name="key" value="primary">Rotate primary key<span class="visually-hidden"> of {{id}}</span></button>
        <button type="submit" name="key" value="secondary">Rotate secondary key<span class="visually-hidden"> of {{id}}</span></button></form></td></tr>{{/rows}}
        </tbody>
        </table>
        """

    static let adminUsers = """
        <h1>Users</h1>
        \(feedback)
        <form method="post" action="/dashboard/admin/users">
        <fieldset><legend>New user</legend>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="username">Username</label> <input id="username" name="username" required maxlength="64" autocomplete="off"></p>
        <p><label for="displayName">Display name</label> <input id="displayName" name="displayName" maxlength="200"></p>
        <p><label for="password">Password</label> <input id="password" name="password" type="password" required autocomplete="new-password"></p>
        <p><label for="role">Role</label> <select id="role" name="role"><option value="clinician">Clinician</option><option value="patient">Patient</option><option value="admin">Administrator</option></select></p>
        <p><label for="patientId">Patient (patient users only)</label> <select id="patientId" name="patientId"><option value="">—</option>{{#patients}}<option value="{{value}}">{{label}}</option>{{/patients}}</select></p>
        <p><button type="submit">Create user</button></p>
        </fieldset>
        </form>
        <table>
        <thead><tr><th scope="col">Username</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Two-step sign-in</th><th scope="col">Actions</th></tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row">{{username}}</th><td>{{displayName}}</td>
        <td>{{role}}
        <form class="inline" method="post" action="{{actionsPath}}/role"><input type="hidden" name="csrf" value="{{csrf}}">
        <label for="role-{{id}}">New role<span class="visually-hidden"> for {{username}}</span></label> <select id="role-{{id}}" name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select>
        <label for="role-patient-{{id}}">Patient (patient users only)<span class="visually-hidden"> for {{username}}</span></label> <select id="role-patient-{{id}}" name="patientId"><option value="">—</option>{{#patients}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/patients}}</select>
        <button type="submit">Change role<span class="visually-hidden"> of {{username}}</span></button></form></td>
        <td>{{status}}</td>
        <td>{{#twoStep}}on
        <form class="inline" method="post" action="{{actionsPath}}/two-factor/remove"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Remove<span class="visually-hidden"> two-step sign-in of {{username}}</span></button></form>{{/twoStep}}{{^twoStep}}off{{/twoStep}}</td>
        <td><form class="inline" method="post" action="{{actionsPath}}/password"><input type="hidden" name="csrf" value="{{csrf}}">
        <label for="pw-{{id}}">New password<span class="visually-hidden"> for {{username}}</span></label> <input id="pw-{{id}}" name="password" type="password" autocomplete="new-password" required>
        <button type="submit">Reset password<span class="visually-hidden"> of {{username}}</span></button></form>
        <form class="inline" method="post" action="{{actionsPath}}/{{toggle}}"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{toggle}}<span class="visually-hidden"> {{username}}</span></button></form></td></tr>{{/rows}}
        </tbody>
        </table>
        """

    static let adminQuarantine = """
        <h1>Quarantine</h1>
        \(feedback)
        {{#isEmpty}}<p>Nothing has been quarantined.</p>{{/isEmpty}}
        {{^isEmpty}}
        <table>
        <thead><tr><th scope="col">Item</th><th scope="col">Device</th><th scope="col">Received</th><th scope="col">Reason</th><th scope="col">Payload</th><th scope="col">State</th><th scope="col">Action</th></tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row">{{id}}</th><td>{{device}}</td><td>{{received}}</td><td>{{reason}}</td><td><code>{{payload}}</code></td><td>{{state}}</td>
        <td>{{#replayPath}}<form class="inline" method="post" action="{{replayPath}}"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Replay item {{id}}</button></form>{{/replayPath}}</td></tr>{{/rows}}
        </tbody>
        </table>
        {{/isEmpty}}
        """

    static let adminAudit = """
        <h1>Audit log</h1>
        <p>The newest 200 records. Verify the chain with <code>vigil audit verify</code>.</p>
        <table>
        <thead><tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">User</th><th scope="col">Action</th><th scope="col">Patient id</th><th scope="col">Outcome</th><th scope="col">Detail</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td class="num">{{sequence}}</td><td>{{time}}</td><td>{{username}}</td><td>{{action}}</td><td>{{patient}}</td><td>{{outcome}}</td><td>{{detail}}</td></tr>{{/rows}}
        </tbody>
        </table>
        """
}
