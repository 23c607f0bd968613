package dev.sluice.core.approval;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what it was told, for tests. */
final class RecordingNotifier implements ApprovalNotifier {

    record Told(String what, ApprovalRequest request, List<String> channels) {
    }

    final List<Told> told = new CopyOnWriteArrayList<>();

    @Override
    public void requested(ApprovalRequest request, List<String> channels) {
        told.add(new Told("requested", request, channels));
    }

    @Override
    public void resolved(ApprovalRequest request, List<String> channels) {
        told.add(new Told("resolved", request, channels));
    }
}
