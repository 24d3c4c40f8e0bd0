package org.genzoo.core;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genzoo.core.optim.OptimizerSet;

/**
 * The resumable state of a run in one file: a magic number, the trainer's counters as JSON, the
 * parameters and the optimisers' state. Written atomically (temporary file, then rename), so a
 * run killed at any moment, even mid-write, leaves the previous checkpoint whole.
 */
public final class Checkpoint {
    private static final int MAGIC = 0x475a434b; // "GZCK"
    private static final int PARAMS_MAGIC = 0x475a504d; // "GZPM"
    private static final int VERSION = 1;

    private Checkpoint() {}

    /**
     * The trainer's counters at an epoch boundary.
     *
     * @param epoch epochs completed
     * @param step optimiser steps taken
     * @param bestValid best validation score so far (NaN when the model has none)
     * @param bestEpoch epoch of the best score
     * @param badEpochs epochs since the best score
     * @param seconds training time so far
     * @param examples examples seen so far
     * @param seed the run's seed
     * @param dataSha256 hash of the data trained on
     */
    public record State(int epoch, long step, double bestValid, int bestEpoch, int badEpochs,
            double seconds, long examples, long seed, String dataSha256) {}

    /** Writes a checkpoint atomically. */
    public static void write(Path file, State state, Params params, OptimizerSet optimizers) {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            byte[] header = Json.MAPPER.writeValueAsBytes(new StateJson(state));
            out.writeInt(header.length);
            out.write(header);
            params.write(out);
            optimizers.write(out);
            out.flush();
        });
    }

    /** Reads a checkpoint into {@code params} and {@code optimizers}; returns the counters. */
    public static State read(Path file, Params params, OptimizerSet optimizers) {
        String src = file.toString();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            State s = readHeader(in, src);
            params.read(in, src);
            optimizers.read(in, src);
            return s;
        } catch (EOFException e) {
            throw new UserError(src + ": checkpoint is truncated");
        } catch (IOException e) {
            throw new UserError(src + ": cannot read checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Reads only the counters of a checkpoint (to check a resume before any model is built); the
     * parameters are checked when {@link #read} loads them.
     */
    public static State readState(Path file) {
        String src = file.toString();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            return readHeader(in, src);
        } catch (EOFException e) {
            throw new UserError(src + ": checkpoint is truncated");
        } catch (IOException e) {
            throw new UserError(src + ": cannot read checkpoint: " + e.getMessage(), e);
        }
    }

    private static State readHeader(DataInputStream in, String src) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new UserError(src + ": not a genzoo checkpoint (bad magic number)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new UserError(src + ": checkpoint version " + version + ", this genzoo reads " + VERSION);
        }
        int len = in.readInt();
        if (len < 0 || len > (1 << 20)) {
            throw new UserError(src + ": corrupt checkpoint header");
        }
        byte[] header = new byte[len];
        in.readFully(header);
        return Json.MAPPER.readValue(header, StateJson.class).toState();
    }

    /** Writes the parameters alone (the file {@code sample} and {@code eval} load). */
    public static void writeParams(Path file, Params params) {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(PARAMS_MAGIC);
            out.writeInt(VERSION);
            params.write(out);
            out.flush();
        });
    }

    /** Reads parameters written by {@link #writeParams} into {@code params}. */
    public static void readParams(Path file, Params params) {
        String src = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new UserError(src + ": no such parameter file (was the run trained?)");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != PARAMS_MAGIC) {
                throw new UserError(src + ": not a genzoo parameter file (bad magic number)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new UserError(src + ": parameter file version " + version + ", this genzoo reads " + VERSION);
            }
            params.read(in, src);
        } catch (EOFException e) {
            throw new UserError(src + ": parameter file is truncated");
        } catch (IOException e) {
            throw new UserError(src + ": cannot read parameters: " + e.getMessage(), e);
        }
    }

    /** JSON form of {@link State}; NaN is not JSON, so a missing score is written as null. */
    static final class StateJson {
        public int epoch;
        public long step;
        public Double bestValid;
        public int bestEpoch;
        public int badEpochs;
        public double seconds;
        public long examples;
        public long seed;
        public String dataSha256;

        StateJson() {}

        StateJson(State s) {
            epoch = s.epoch();
            step = s.step();
            bestValid = Double.isNaN(s.bestValid()) ? null : s.bestValid();
            bestEpoch = s.bestEpoch();
            badEpochs = s.badEpochs();
            seconds = s.seconds();
            examples = s.examples();
            seed = s.seed();
            dataSha256 = s.dataSha256();
        }

        State toState() {
            return new State(epoch, step, bestValid == null ? Double.NaN : bestValid, bestEpoch, badEpochs,
                    seconds, examples, seed, dataSha256);
        }
    }
}
