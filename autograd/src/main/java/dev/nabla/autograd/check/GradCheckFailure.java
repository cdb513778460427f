package dev.nabla.autograd.check;

/** A failed gradient check; the message is the report, worst entries first. */
public final class GradCheckFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    public GradCheckFailure(String report) {
        super(report);
    }
}
