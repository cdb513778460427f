package dev.nabla.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecListTest {
    @Test
    void split_onlyAtCommasOutsideParentheses() {
        assertThat(SpecList.split("relu, srs(alpha=2,beta=3),sau(alpha=0.15, n=1) ,gelu"))
                .containsExactly("relu", "srs(alpha=2,beta=3)", "sau(alpha=0.15, n=1)", "gelu");
    }

    @Test
    void split_joinsRepeatedOptions() {
        assertThat(SpecList.split(List.of("relu,srs(alpha=2,beta=3)", "carelu(measure=energy)")))
                .containsExactly("relu", "srs(alpha=2,beta=3)", "carelu(measure=energy)");
    }

    @Test
    void canonical_sortsArgumentsAndDropsWhitespace() {
        assertThat(SpecList.canonical(" srs( beta = 3 , alpha=2 ) ")).isEqualTo("srs(alpha=2,beta=3)");
        assertThat(SpecList.canonical("relu()")).isEqualTo("relu");
    }

    @Test
    void split_rejectsEmptyItemsAndUnbalancedParentheses() {
        assertThatThrownBy(() -> SpecList.split("relu,,gelu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'relu,,gelu'").hasMessageContaining("empty activation spec at position 5");
        assertThatThrownBy(() -> SpecList.split("relu,")).hasMessageContaining("empty activation spec");
        assertThatThrownBy(() -> SpecList.split("srs(alpha=2,beta=3")).hasMessageContaining("'(' without a matching ')'");
        assertThatThrownBy(() -> SpecList.split("relu),gelu")).hasMessageContaining("')' at position 4 closes nothing");
    }
}
