package dev.kizuna.segment.duplicates;

import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.ports.CustomerMergeParticipant;
import dev.kizuna.segment.duplicates.console.DuplicatesConsole;

/**
 * Duplicate customers, started with the segments: the {@code customer-duplicates} job proposes pairs, staff merge or
 * dismiss them on the console page and the API, and the segments' own rows of a merged member follow it
 * ({@link SegmentMembershipsMerge}).
 */
public final class DuplicatesFeature {
    private DuplicatesFeature() {
    }

    public static void start(KizunaContext ctx) {
        DuplicateStore store = new DuplicateStore(ctx.members());
        Duplicates duplicates = new Duplicates(ctx.database(), store, ctx.ports(), ctx.audit(), ctx.clock());
        ctx.ports().provide(Duplicates.class, duplicates);
        ctx.ports().contribute(CustomerMergeParticipant.class, new SegmentMembershipsMerge());
        ctx.jobs().register(new DuplicateDetectionJob(ctx.database(), store, ctx.config()));
        DuplicatesApi.register(ctx.api(), duplicates);
        DuplicatesConsole.register(ctx.console(), duplicates);
    }
}
