package dev.nabla.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void studentTQuantile_matchesTabulatedValues() {
        // t(0.975; df), the 95 % two-sided critical values (e.g. NIST/SEMATECH e-Handbook table 1.3.6.7.2, scipy.stats.t.ppf)
        assertThat(Stats.studentTQuantile(0.975, 1)).isCloseTo(12.7062047, within(1e-6));
        assertThat(Stats.studentTQuantile(0.975, 2)).isCloseTo(4.30265273, within(1e-7));
        assertThat(Stats.studentTQuantile(0.975, 4)).isCloseTo(2.7764451, within(1e-7));
        assertThat(Stats.studentTQuantile(0.975, 30)).isCloseTo(2.0422725, within(1e-7));
        assertThat(Stats.studentTQuantile(0.95, 10)).isCloseTo(1.81246112, within(1e-7));
        assertThat(Stats.studentTQuantile(0.5, 3)).isCloseTo(0.0, within(1e-12));
        // large df tends to the normal quantile 1.959963985
        assertThat(Stats.studentTQuantile(0.975, 100_000)).isCloseTo(1.959963985, within(1e-4));
    }

    @Test
    void studentTCdf_ofTheCauchyCase_isClosedForm() {
        // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/π
        for (double t : new double[] {-3, -0.5, 0, 0.7, 2, 40}) {
            assertThat(Stats.studentTCdf(t, 1)).as("t=%s", t).isCloseTo(0.5 + Math.atan(t) / Math.PI, within(1e-13));
        }
    }

    @Test
    void logGamma_matchesFactorialsAndHalfIntegers() {
        assertThat(Stats.logGamma(5)).isCloseTo(Math.log(24), within(1e-13));
        assertThat(Stats.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
        // ln Γ(15.5) from Python's math.lgamma
        assertThat(Stats.logGamma(15.5)).isCloseTo(26.53691449111561, within(1e-11));
    }

    @Test
    void meanAndSampleStd_byHand() {
        assertThat(Stats.mean(new double[] {1, 2, 6})).isEqualTo(3.0);
        // deviations -2, -1, 3: squares 4 + 1 + 9 = 14, / (n-1) = 7
        assertThat(Stats.sampleStd(new double[] {1, 2, 6})).isCloseTo(Math.sqrt(7), within(1e-15));
        assertThat(Stats.sampleStd(new double[] {4})).isNaN();
        assertThat(Stats.mean(new double[0])).isNaN();
    }

    @Test
    void pairedDifference_usesTheTQuantileWithNMinusOneDegreesOfFreedom() {
        // d = [0.02, 0.01, 0.03, 0.02, 0.02]: mean 0.02, s = sqrt(0.0002/4) = 0.00707107, t(0.975;4) = 2.7764451
        Stats.Interval i = Stats.pairedDifference(new double[] {0.90, 0.88, 0.91, 0.89, 0.90}, new double[] {0.88, 0.87, 0.88, 0.87, 0.88});
        double half = 2.7764451 * Math.sqrt(0.0002 / 4) / Math.sqrt(5);
        assertThat(i.n()).isEqualTo(5);
        assertThat(i.mean()).isCloseTo(0.02, within(1e-12));
        assertThat(i.low()).isCloseTo(0.02 - half, within(1e-9));
        assertThat(i.high()).isCloseTo(0.02 + half, within(1e-9));
    }

    @Test
    void pairedDifference_ofOnePair_hasNoInterval() {
        Stats.Interval i = Stats.pairedDifference(new double[] {0.9}, new double[] {0.8});
        assertThat(i.mean()).isCloseTo(0.1, within(1e-12));
        assertThat(i.low()).isNaN();
        assertThat(i.high()).isNaN();
    }

    @Test
    void badArguments_areNamed() {
        assertThatThrownBy(() -> Stats.studentTQuantile(0.975, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("df=0");
        assertThatThrownBy(() -> Stats.pairedDifference(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 3");
    }
}
