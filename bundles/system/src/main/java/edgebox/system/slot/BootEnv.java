package edgebox.system.slot;

import java.io.IOException;
import java.util.Optional;

/**
 * The three GRUB environment variables the A/B scheme keeps (the grub.cfg of the image reads them):
 * {@code edgebox_active}, the slot known good; {@code edgebox_trial}, a slot to try, or empty; and
 * {@code edgebox_trial_boots}, 1 while the trial slot may still be booted once, 0 once that boot was used.
 */
public record BootEnv(Optional<Slot> active, Optional<Slot> trial, int trialBoots) {

    public static final String ACTIVE = "edgebox_active";
    public static final String TRIAL = "edgebox_trial";
    public static final String TRIAL_BOOTS = "edgebox_trial_boots";

    /** The variables of {@code env}; a value outside the scheme is refused naming the variable. */
    public static BootEnv of(GrubEnv env) {
        Optional<Slot> active = slot(env, ACTIVE);
        Optional<Slot> trial = slot(env, TRIAL);
        String boots = env.get(TRIAL_BOOTS).orElse("0");
        if (!boots.equals("0") && !boots.equals("1")) {
            throw new IllegalArgumentException(TRIAL_BOOTS + ": \"" + boots + "\" is neither 0 nor 1");
        }
        return new BootEnv(active, trial, Integer.parseInt(boots));
    }

    /** The variables of the file's block; a value outside the scheme is refused naming the file and variable. */
    public static BootEnv read(GrubEnvFile file) throws IOException {
        GrubEnv env = file.read();
        try {
            return of(env);
        } catch (IllegalArgumentException e) {
            throw new IOException(file.file() + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Slot> slot(GrubEnv env, String name) {
        Optional<String> value = env.get(name).filter(v -> !v.isEmpty());
        return value.isEmpty() ? Optional.empty() : Optional.of(Slot.parse(value.get(), name));
    }

    /** Whether {@code slot} is the trial slot: pending, or booted and not yet marked good. */
    public boolean isTrial(Slot slot) {
        return trial.equals(Optional.of(slot));
    }

    /** The next boot tries {@code slot} once. */
    public BootEnv trying(Slot slot) {
        return new BootEnv(active, Optional.of(slot), 1);
    }

    /** {@code slot} is known good: GRUB boots it from now on and tries nothing. */
    public BootEnv markedGood(Slot slot) {
        return new BootEnv(Optional.of(slot), Optional.empty(), 0);
    }

    /** No trial pending; the active slot is kept. */
    public BootEnv withoutTrial() {
        return new BootEnv(active, Optional.empty(), 0);
    }

    /** {@code env} with these variables; an unknown active slot leaves {@code edgebox_active} as it is. */
    public GrubEnv writeTo(GrubEnv env) {
        GrubEnv out = active.isPresent() ? env.with(ACTIVE, active.get().name()) : env;
        return out.with(TRIAL, trial.map(Slot::name).orElse("")).with(TRIAL_BOOTS, Integer.toString(trialBoots));
    }
}
