/// The dashboard's Mustache templates, compiled into the binary so that a
/// deployment is one executable with nothing to find on disk.
///
/// Each page's template lives in an extension named after it. `{{…}}`
/// escapes for HTML; `{{{…}}}` is used only for markup Vigil itself made
/// (rendered fragments and SVG charts).
enum DashboardTemplates {
    /// Every template by name.
    static let all: [String: String] = [
        "layout": layout,
        "signin": signIn,
        "signin-code": signInCode,
        "two-factor": twoFactor,
        "error": error,
        "worklist": worklist,
        "patient": patient,
        "alerts": alerts,
        "alert-actions": alertActions,
        "admin-patients": adminPatients,
        "admin-patient": adminPatient,
        "admin-devices": adminDevices,
        "admin-users": adminUsers,
        "admin-quarantine": adminQuarantine,
        "admin-audit": adminAudit,
        "rules": rules,
    ]

    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Vigil</title>
        <link rel="stylesheet" href="{{stylesheet}}">
        {{#live}}<script src="{{script}}" defer></script>{{/live}}
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
        <span class="brand">Vigil</span>
        {{#chrome}}
        <nav aria-label="Main">
        <ul>
        {{#isStaff}}<li><a href="/dashboard/worklist">Worklist</a></li><li><a href="/dashboard/alerts">Alerts</a></li>{{/isStaff}}
        {{#ownPatientPath}}<li><a href="{{ownPatientPath}}">My readings</a></li>{{/ownPatientPath}}
        {{#isAdmin}}<li><a href="/dashboard/admin/patients">Patients</a></li><li><a href="/dashboard/admin/devices">Devices</a></li><li><a href="/dashboard/admin/users">Users</a></li><li><a href="/dashboard/admin/quarantine">Quarantine</a></li><li><a href="/dashboard/admin/audit">Audit log</a></li><li><a href="/dashboard/account/two-factor">Two-step sign-in</a></li>{{/isAdmin}}
        </ul>
        </nav>
        <form class="signout" method="post" action="{{signOut}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <span class="who">{{userName}} ({{roleName}})</span>
        <button type="submit">Sign out</button>
        </form>
        {{/chrome}}
        </header>
        <main id="main">
        {{{content}}}
        </main>
        </body>
        </html>
        """

    static let signIn = """
        <h1>Sign in</h1>
        {{#message}}<p class="error" role="alert">{{message}}</p>{{/message}}
        <form class="signin" method="post" action="/dashboard/signin">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="username">Username</label>
        <input id="username" name="username" autocomplete="username" required value="{{username}}" autofocus></p>
        <p><label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        """

    static let error = """
        <h1>{{heading}}</h1>
        <p>{{message}}</p>
        <p><a href="/dashboard">Back to the dashboard</a></p>
        """
}
