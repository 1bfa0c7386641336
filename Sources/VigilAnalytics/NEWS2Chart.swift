import VigilCore

/// The bands of the NEWS2 chart (Royal College of Physicians, 2017): one
/// function per parameter from a value to its sub-score.
///
/// **Between-band rule.** The chart prints temperature bands to 0.1 °C and
/// every other band in whole numbers, leaving values such as 38.05 °C, 95.5 %
/// or 90.5 mmHg between two printed bands. A value is scored as if first
/// rounded to the chart's precision — temperature to 0.1 °C, everything else
/// to a whole number — with halves rounded away from zero (`rounded(_:for:)`).
/// So 38.05 °C → 38.1 → 1, 38.04 °C → 38.0 → 0; 95.5 % → 96 → 0 (scale 1);
/// 90.5 mmHg → 91 → 2; 8.49 /min → 8 → 3. Temperature is rounded as
/// `(celsius × 10)` to a whole number of tenths, which gives the decimal
/// answer for every value written with up to three decimals.
///
/// The functions do not round: a rounded value reaches a printed band start
/// `s` (a positive whole number) exactly when the value itself reaches
/// `s − 0.5`, so each band start is compared as `s − 0.5` (for temperature,
/// tenths `t` as `celsius × 10 ≥ t − 0.5`). Same scores, fewer instructions.
///
/// Values must be finite; `NEWS2Calculator` treats non-finite values as missing.
public enum NEWS2Chart {
    /// `value` rounded to a whole number, halves away from zero: the result of
    /// `value.rounded(.toNearestOrAwayFromZero)`, without a call into libm or a
    /// data-dependent branch.
    @inline(__always)
    static func whole(_ value: Double) -> Double {
        // From 2^52 up every double is whole; NaN and infinities pass through too.
        guard abs(value) < 0x1p52 else { return value }
        // Adding the largest double below one half, with the value's sign, then
        // truncating rounds halves away from zero and everything else to nearest
        // (the sum of a half and this constant rounds up to the next whole number).
        return Double(Int64(value + Double(signOf: value, magnitudeOf: 0.5.nextDown)))
    }

    /// `value` rounded to the precision the chart prints for `parameter`:
    /// 0.1 for temperature, 1 for the others.
    public static func rounded(_ value: Double, for parameter: NEWS2Parameter) -> Double {
        parameter == .temperature ? whole(value * 10) / 10 : whole(value)
    }

    /// Respiration rate (/min): ≤ 8 → 3, 9–11 → 1, 12–20 → 0, 21–24 → 2, ≥ 25 → 3.
    @inlinable
    public static func respirationRateScore(_ rate: Double) -> Int {
        return score(
            band: reaches(rate, 9) + reaches(rate, 12) + reaches(rate, 21) + reaches(rate, 25),
            of: 0x3_2_0_1_3)
    }

    /// SpO2 (%) on `scale`.
    ///
    /// Scale 1: ≤ 91 → 3, 92–93 → 2, 94–95 → 1, ≥ 96 → 0 (oxygen does not matter).
    /// Scale 2: ≤ 83 → 3, 84–85 → 2, 86–87 → 1, 88–92 → 0, ≥ 93 on air → 0;
    /// on oxygen 93–94 → 1, 95–96 → 2, ≥ 97 → 3.
    @inlinable @inline(__always)
    public static func oxygenSaturationScore(_ saturation: Double, scale: NEWS2Scale, oxygen: OxygenStatus) -> Int {
        switch scale {
        case .scale1:
            return score(
                band: reaches(saturation, 92) + reaches(saturation, 94) + reaches(saturation, 96), of: 0x0_1_2_3)
        case .scale2:
            let band =
                reaches(saturation, 84) + reaches(saturation, 86) + reaches(saturation, 88) + reaches(saturation, 93)
                + reaches(saturation, 95) + reaches(saturation, 97)
            return score(band: band, of: oxygen == .oxygen ? 0x3_2_1_0_1_2_3 : 0x0_0_0_0_1_2_3)
        }
    }

    /// Air → 0, oxygen → 2.
    @inlinable
    public static func supplementalOxygenScore(_ status: OxygenStatus) -> Int {
        status == .oxygen ? 2 : 0
    }

    /// Systolic blood pressure (mmHg): ≤ 90 → 3, 91–100 → 2, 101–110 → 1, 111–219 → 0, ≥ 220 → 3.
    @inlinable
    public static func systolicScore(_ pressure: Double) -> Int {
        return score(
            band: reaches(pressure, 91) + reaches(pressure, 101) + reaches(pressure, 111) + reaches(pressure, 220),
            of: 0x3_0_1_2_3)
    }

    /// Pulse (/min): ≤ 40 → 3, 41–50 → 1, 51–90 → 0, 91–110 → 1, 111–130 → 2, ≥ 131 → 3.
    @inlinable
    public static func pulseScore(_ pulse: Double) -> Int {
        let band =
            reaches(pulse, 41) + reaches(pulse, 51) + reaches(pulse, 91) + reaches(pulse, 111) + reaches(pulse, 131)
        return score(band: band, of: 0x3_2_1_0_1_3)
    }

    /// Alert → 0; new confusion, voice, pain or unresponsive → 3.
    @inlinable
    public static func consciousnessScore(_ level: Consciousness) -> Int {
        level == .alert ? 0 : 3
    }

    /// Temperature (°C): ≤ 35.0 → 3, 35.1–36.0 → 1, 36.1–38.0 → 0, 38.1–39.0 → 1, ≥ 39.1 → 2.
    @inlinable
    public static func temperatureScore(_ celsius: Double) -> Int {
        let tenths = celsius * 10
        return score(
            band: reaches(tenths, 351) + reaches(tenths, 361) + reaches(tenths, 381) + reaches(tenths, 391),
            of: 0x2_1_0_1_3)
    }

    // The scoring functions are inlinable (and so are the helpers below), so
    // that `NEWS2Calculator.score(_:)` inlines whole into other modules.
    //
    // Lookups are branch-free, since observation values are unpredictable: a
    // value's band is the number of band starts it reaches (0 for the lowest
    // band), and the band's score is a hexadecimal digit of `scores`, the
    // lowest band in the lowest digit (so `0x3_2_0_1_3` reads right to left as
    // 3, 1, 0, 2, 3).

    /// 1 when `value`, rounded halves away from zero, reaches the whole
    /// number `start` ≥ 1 (that is, `value` ≥ `start` − 0.5), else 0.
    @inlinable @inline(__always)
    static func reaches(_ value: Double, _ start: Double) -> Int { value >= start - 0.5 ? 1 : 0 }

    /// Hexadecimal digit `band` of `scores`.
    @inlinable @inline(__always)
    static func score(band: Int, of scores: UInt32) -> Int { Int((scores >> UInt32(4 * band)) & 0xF) }
}
