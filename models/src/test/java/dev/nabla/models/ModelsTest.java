package dev.nabla.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nabla.autograd.Tensor;
import dev.nabla.nn.Module;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Rng;
import dev.nabla.tensor.Shape;
import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void everyModelMapsImagesToTenLogits() {
        Tensor x = Tensor.of(new Rng(1).uniform(Shape.of(4, 1, 28, 28), DType.F32, 0, 1));
        for (String name : Models.names()) {
            Module m = Models.build(name, "relu", new Rng(0));
            assertThat(m.forward(x).shape()).as(name).isEqualTo(Shape.of(4, 10));
        }
    }

    @Test
    void defaultCnnHasTheIssuesLayersAndPyTorchNames() {
        Module cnn = Models.build("cnn", "relu", new Rng(0));
        // conv 1→32 (320) + BN 32 (64) + conv 32→64 (18496) + BN 64 (128) + linear 3136→128 (401536) + linear 128→10 (1290)
        assertThat(cnn.numParameters()).isEqualTo(320 + 64 + 18_496 + 128 + 401_536 + 1_290);
        assertThat(cnn.stateDict()).containsKeys("0.weight", "0.bias", "1.weight", "1.running_var", "1.num_batches_tracked",
                "4.weight", "9.weight", "11.bias");
    }

    @Test
    void sameSeedSameWeights() {
        var a = Models.build("cnn", "relu", new Rng(7)).stateDict();
        var b = Models.build("cnn", "relu", new Rng(7)).stateDict();
        // Arrays.equals: AssertJ's containsExactly is quadratic on 400 K elements
        assertThat(java.util.Arrays.equals(a.get("9.weight").toFloatArray(), b.get("9.weight").toFloatArray())).isTrue();
    }

    @Test
    void unknownNamesAreErrorsThatListTheKnownOnes() {
        assertThatThrownBy(() -> Models.build("vgg", "relu", new Rng(0))).hasMessageContaining("vgg").hasMessageContaining("resnet-mini");
        assertThatThrownBy(() -> Models.build("cnn", "nope", new Rng(0))).hasMessageContaining("nope").hasMessageContaining("relu");
    }
}
