package dev.kizuna.segment.timeline;

import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.ports.CustomerMergeParticipant;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.segment.timeline.console.TimelineConsole;

/**
 * The customer timeline and support notes, started with the segments: the mirror's touchpoints and the notes are
 * contributed as {@link TouchpointSource}s beside those of the other features, the {@link Timeline} merges them.
 */
public final class TimelineFeature {
    private TimelineFeature() {
    }

    public static void start(KizunaContext ctx) {
        SupportNotes notes = new SupportNotes(ctx.database(), ctx.cipher(), ctx.audit(), ctx.clock(), ctx.zone());
        ctx.ports().contribute(TouchpointSource.class, new MirrorTouchpoints());
        ctx.ports().contribute(TouchpointSource.class, notes);
        new OrderReturns().subscribe(ctx.events());
        ProfileChanges changes = new ProfileChanges(ctx.members());
        changes.subscribe(ctx.events());
        ctx.ports().contribute(TouchpointSource.class, changes);
        Timeline timeline = new Timeline(ctx.database(), ctx.ports());
        ctx.ports().provide(Timeline.class, timeline);
        ctx.ports().provide(SupportNotes.class, notes);
        ctx.sealed().add("support_note", notes::reseal);
        ctx.ports().contribute(CustomerMergeParticipant.class, new SupportNotesMerge(ctx.cipher()));
        ctx.ports().contribute(CustomerMergeParticipant.class, new TimelineRowsMerge());
        TimelineApi.register(ctx.api(), timeline, notes);
        TimelineConsole.register(ctx.console(), timeline, notes);
    }
}
