extension DashboardTemplates {
    /// The second sign-in step: the TOTP code.
    static let signInCode = """
        <h1>Sign-in code</h1>
        {{#message}}<p class="error" role="alert">{{message}}</p>{{/message}}
        <form class="signin" method="post" action="/dashboard/signin/code">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="code">The 6-digit code from your authenticator app</label>
        <input id="code" name="code" inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" autocomplete="one-time-code" required autofocus></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        <p><a href="/dashboard/signin">Start again</a></p>
        """

    /// An admin's own TOTP second factor: set up, confirm, or turn off.
    static let twoFactor = """
        <h1>Two-step sign-in</h1>
        {{#feedback.message}}<p class="{{#feedback.isError}}error{{/feedback.isError}}{{^feedback.isError}}notice{{/feedback.isError}}" role="status">{{feedback.message}}</p>{{/feedback.message}}
        {{#isOff}}
        <p>Two-step sign-in is off: signing in takes only your password.</p>
        <p>With it on, signing in also asks for a 6-digit code from an authenticator app (any app for time-based one-time passwords).</p>
        <form method="post" action="{{path}}/setup">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><button type="submit">Set up two-step sign-in</button></p>
        </form>
        {{/isOff}}
        {{#setup}}
        <section aria-labelledby="setup-heading">
        <h2 id="setup-heading">Add Vigil to your authenticator app</h2>
        <p>Enter this key in the app (time-based, 6 digits, 30 seconds):</p>
        <p class="secret" data-totp-secret>{{secret}}</p>
        <p>Or give the app this address:</p>
        <p class="secret" data-totp-uri>{{uri}}</p>
        <p>Keep the key private: anyone who has it can make your codes.</p>
        </section>
        <form method="post" action="{{path}}/confirm">
        <fieldset><legend>Confirm with a code</legend>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="code">The 6-digit code the app shows now</label>
        <input id="code" name="code" inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" autocomplete="one-time-code" required></p>
        <p><button type="submit">Turn on two-step sign-in</button></p>
        </fieldset>
        </form>
        <form method="post" action="{{path}}/setup">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><button type="submit">Start again with a new key</button></p>
        </form>
        {{/setup}}
        {{#onSince}}
        <p>Two-step sign-in is on (since {{onSince}}). Signing in asks for a code from your authenticator app.</p>
        <form method="post" action="{{path}}/disable">
        <fieldset><legend>Turn off two-step sign-in</legend>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="code">A current code from your authenticator app</label>
        <input id="code" name="code" inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" autocomplete="one-time-code" required></p>
        <p><button type="submit">Turn off</button></p>
        </fieldset>
        </form>
        {{/onSince}}
        """
}
