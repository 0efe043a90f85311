package dev.kizuna.core.ports;

/** Profile answers as conditions for audiences. The profiling feature provides it. */
public interface ProfileConditions {

    /** Members who answered {@code questionKey} with {@code value} (one of the question's options). */
    SqlCondition answered(String questionKey, String value);
}
