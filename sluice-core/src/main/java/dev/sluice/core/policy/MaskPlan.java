package dev.sluice.core.policy;

/**
 * How to mask what a command returns. The masking capability fills this in; until then the only plan is
 * {@link #NONE}, which passes results through unchanged.
 */
public record MaskPlan(boolean masksAnything) {

    public static final MaskPlan NONE = new MaskPlan(false);
}
