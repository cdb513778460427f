package dev.nabla.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The spec grammar, its canonical text, and the registry's errors. */
class ActivationSpecTest {
    @Test
    void canonicalTextListsArgumentsInDeclarationOrder() {
        assertThat(Activations.parse("srs( beta = 2 , alpha=3 )").spec()).isEqualTo("srs(alpha=3,beta=2)");
        assertThat(ActivationSpec.parse("srs(beta=2,alpha=3)").toString()).isEqualTo("srs(beta=2,alpha=3)");
        assertThat(Activations.parse("leaky_relu").spec()).isEqualTo("leaky_relu");
    }

    @Test
    void errorsNameWhatIsValid() {
        assertThatThrownBy(() -> Activations.parse("nope")).hasMessageContaining("unknown activation 'nope'").hasMessageContaining("srs");
        assertThatThrownBy(() -> Activations.parse("srs(gamma=1)")).hasMessageContaining("unknown argument(s) [gamma]")
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> Activations.parse("srs(alpha=x)")).hasMessageContaining("alpha=x is invalid; expected a finite number");
        assertThatThrownBy(() -> Activations.parse("srs(channels=0)")).hasMessageContaining("a whole number >= 1");
        assertThatThrownBy(() -> ActivationSpec.parse("srs(alpha=1")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> ActivationSpec.parse("srs(alpha=1,alpha=2)")).hasMessageContaining("given twice");
    }
}
