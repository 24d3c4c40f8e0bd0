package org.genzoo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.genzoo.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {
    @TempDir Path dir;

    @Test
    void stepsSitAtTheirFractionOfTheEpochAndValidationAtItsEnd() throws Exception {
        // the layout CsvLog writes: step rows (examples_per_s set) and epoch-end rows; epoch 3 is
        // still running, so it borrows the length of epoch 2 (4 steps)
        Path csv = Files.writeString(dir.resolve("log.csv"), String.join("\n",
                "epoch,step,examples_per_s,valid,loss,recon,kl",
                "1,2,10.0,,3.0,2.0,1.0",
                "1,4,10.0,,2.0,1.5,0.5",
                "1,4,,2.5,,,",
                "2,6,10.0,,1.0,0.5,0.5",
                "2,8,10.0,,0.5,0.25,0.25",
                "2,8,,1.5,,,",
                "3,10,10.0,,0.25,0.125,0.125",
                ""));
        TrainingLog t = TrainingLog.read(csv);
        assertThat(t.epochs()).containsExactly(0.5, 1.0, 1.5, 2.0, 2.5);
        assertThat(t.parts().keySet()).containsExactly("loss", "recon", "kl");
        assertThat(t.parts().get("kl")).containsExactly(1.0, 0.5, 0.5, 0.25, 0.125);
        assertThat(t.validEpochs()).containsExactly(1.0, 2.0);
        assertThat(t.valid()).containsExactly(2.5, 1.5);
    }

    @Test
    void epochEndsWithoutValidationGiveNoValidationPoints() throws Exception {
        Path csv = Files.writeString(dir.resolve("log.csv"),
                "epoch,step,examples_per_s,valid,loss,g\n1,3,5.0,,1.0,2.0\n1,3,,,,\n");
        TrainingLog t = TrainingLog.read(csv);
        assertThat(t.epochs()).containsExactly(1.0);
        assertThat(t.valid()).isEmpty();
    }

    @Test
    void aFileThatIsNotATrainingLogIsAOneLineError() throws Exception {
        Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        assertThatThrownBy(() -> TrainingLog.read(other)).isInstanceOf(UserError.class)
                .hasMessageContaining("other.csv: line 1: expected a header starting with epoch,step");
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "epoch,step,examples_per_s,valid,loss\n1,2,3\n");
        assertThatThrownBy(() -> TrainingLog.read(ragged)).isInstanceOf(UserError.class)
                .hasMessageContaining("ragged.csv: line 2: expected 5 fields, got 3");
    }
}
