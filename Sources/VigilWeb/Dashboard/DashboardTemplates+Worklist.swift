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
}
