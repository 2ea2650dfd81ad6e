<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>tapedeck::ui::DonePage</name>
    <message numerus="yes">
        <source>Left alone (%n)</source>
        <translation>
            <numerusform>Left alone (%n)</numerusform>
            <numerusform>Left alone (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) rebuilt.</source>
        <translation>
            <numerusform>%n recording rebuilt.</numerusform>
            <numerusform>%n recordings rebuilt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be rebuilt; the reason is shown beside each.</source>
        <translation>
            <numerusform>%n could not be rebuilt; the reason is shown beside it.</numerusform>
            <numerusform>%n could not be rebuilt; the reason is shown beside each.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not rebuilt because you stopped.</source>
        <translation>
            <numerusform>%n not rebuilt because you stopped.</numerusform>
            <numerusform>%n not rebuilt because you stopped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n file(s) saved: %1</source>
        <translation>
            <numerusform>%n file saved: %1</numerusform>
            <numerusform>%n files saved: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) were not closed properly, probably after a crash. Click to recover them.</source>
        <translation>
            <numerusform>%n recording was not closed properly, probably after a crash. Click to recover it.</numerusform>
            <numerusform>%n recordings were not closed properly, probably after a crash. Click to recover them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recordings are running. Which one should stop?</source>
        <translation>
            <numerusform>%n recording is running. Should it stop?</numerusform>
            <numerusform>%n recordings are running. Which one should stop?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished recording(s): recover…</source>
        <translation>
            <numerusform>%n unfinished recording: recover…</numerusform>
            <numerusform>%n unfinished recordings: recover…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Originals of %n rebuilt recording(s) kept: delete…</source>
        <translation>
            <numerusform>Originals of %n rebuilt recording kept: delete…</numerusform>
            <numerusform>Originals of %n rebuilt recordings kept: delete…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>These recordings were rebuilt and their rebuilt files exist. Move the %n original file(s) they were rebuilt from to the trash?</source>
        <translation>
            <numerusform>These recordings were rebuilt and their rebuilt files exist. Move the %n original file they were rebuilt from to the trash?</numerusform>
            <numerusform>These recordings were rebuilt and their rebuilt files exist. Move the %n original files they were rebuilt from to the trash?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retention deleted %n old file(s) in %1.</source>
        <translation>
            <numerusform>Retention deleted %n old file in %1.</numerusform>
            <numerusform>Retention deleted %n old files in %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n more folder(s))</source>
        <translation>
            <numerusform>(%n more folder)</numerusform>
            <numerusform>(%n more folders)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) saved on the recorder: %1</source>
        <translation>
            <numerusform>%n file saved on the recorder: %1</numerusform>
            <numerusform>%n files saved on the recorder: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled recording(s) of &quot;%1&quot; did not happen (the last from %2 to %3): %4.</source>
        <translation>
            <numerusform>%n scheduled recording of &quot;%1&quot; did not happen (the last from %2 to %3): %4.</numerusform>
            <numerusform>%n scheduled recordings of &quot;%1&quot; did not happen (the last from %2 to %3): %4.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordersView</name>
    <message numerus="yes">
        <source>%n recording(s) rebuilt on the recorder.</source>
        <translation>
            <numerusform>%n recording rebuilt on the recorder.</numerusform>
            <numerusform>%n recordings rebuilt on the recorder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished recording(s) can be rebuilt on the recorder.</source>
        <translation>
            <numerusform>%n unfinished recording can be rebuilt on the recorder.</numerusform>
            <numerusform>%n unfinished recordings can be rebuilt on the recorder.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordingCard</name>
    <message numerus="yes">
        <source>about %n min</source>
        <translation>
            <numerusform>about %n min</numerusform>
            <numerusform>about %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n days</source>
        <translation>
            <numerusform>about %n day</numerusform>
            <numerusform>about %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecordingsList</name>
    <message numerus="yes">
        <source>New name for &quot;%1&quot; (its %n parts keep their numbers):</source>
        <translation>
            <numerusform>New name for &quot;%1&quot; (its part keeps its number):</numerusform>
            <numerusform>New name for &quot;%1&quot; (its %n parts keep their numbers):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1. You can restore them from the trash.</source>
        <translation>
            <numerusform>%n file, %1. You can restore it from the trash.</numerusform>
            <numerusform>%n files, %1. You can restore them from the trash.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; is web-ready: its header is now before the media (%n file(s) rewritten, nothing re-encoded).</source>
        <translation>
            <numerusform>&quot;%1&quot; is web-ready: its header is now before the media (%n file rewritten, nothing re-encoded).</numerusform>
            <numerusform>&quot;%1&quot; is web-ready: its header is now before the media (%n files rewritten, nothing re-encoded).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::RecoveryWizard</name>
    <message numerus="yes">
        <source>%n recording(s) rebuilt.</source>
        <translation>
            <numerusform>%n recording rebuilt.</numerusform>
            <numerusform>%n recordings rebuilt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be rebuilt.</source>
        <translation>
            <numerusform>%n could not be rebuilt.</numerusform>
            <numerusform>%n could not be rebuilt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ScanPage</name>
    <message numerus="yes">
        <source>Looking through %n item(s)…</source>
        <translation>
            <numerusform>Looking through %n item…</numerusform>
            <numerusform>Looking through %n items…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recordings (%n)</source>
        <translation>
            <numerusform>Recording (%n)</numerusform>
            <numerusform>Recordings (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not recordings, left alone (%n)</source>
        <translation>
            <numerusform>Not a recording, left alone (%n)</numerusform>
            <numerusform>Not recordings, left alone (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Could not be read (%n)</source>
        <translation>
            <numerusform>Could not be read (%n)</numerusform>
            <numerusform>Could not be read (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n recording(s) that can be rebuilt</source>
        <translation>
            <numerusform>Found %n recording that can be rebuilt</numerusform>
            <numerusform>Found %n recordings that can be rebuilt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n complete file(s) need nothing</source>
        <translation>
            <numerusform>%n complete file needs nothing</numerusform>
            <numerusform>%n complete files need nothing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In use by another process, left alone (%n)</source>
        <translation>
            <numerusform>In use by another process, left alone (%n)</numerusform>
            <numerusform>In use by another process, left alone (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::ScheduleDialog</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SettingsDialog</name>
    <message numerus="yes">
        <source>%n recording(s) would be deleted, %1 of %2.</source>
        <translation>
            <numerusform>%n recording would be deleted, %1 of %2.</numerusform>
            <numerusform>%n recordings would be deleted, %1 of %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n protected recording(s) stay (in progress, unfinished, damaged or kept).</source>
        <translation>
            <numerusform>%n protected recording stays (in progress, unfinished, damaged or kept).</numerusform>
            <numerusform>%n protected recordings stay (in progress, unfinished, damaged or kept).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::SourceDialog</name>
    <message numerus="yes">
        <source>Checking… (up to %n second(s))</source>
        <translation>
            <numerusform>Checking… (up to %n second)</numerusform>
            <numerusform>Checking… (up to %n seconds)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n stream(s):</source>
        <translation>
            <numerusform>Found %n stream:</numerusform>
            <numerusform>Found %n streams:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::TrackDialog</name>
    <message numerus="yes">
        <source>, %n channel(s)</source>
        <translation>
            <numerusform>, %n channel</numerusform>
            <numerusform>, %n channels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Detecting… (up to %n second(s))</source>
        <translation>
            <numerusform>Detecting… (up to %n second)</numerusform>
            <numerusform>Detecting… (up to %n seconds)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n program(s)</source>
        <translation>
            <numerusform>Found %n program</numerusform>
            <numerusform>Found %n programs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> with %n track(s).</source>
        <translation>
            <numerusform> with %n track.</numerusform>
            <numerusform> with %n tracks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n track(s).</source>
        <translation>
            <numerusform>Found %n track.</numerusform>
            <numerusform>Found %n tracks.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::ui::TrayController</name>
    <message numerus="yes">
        <source>Recording %n stream(s)</source>
        <translation>
            <numerusform>Recording %n stream</numerusform>
            <numerusform>Recording %n streams</numerusform>
        </translation>
    </message>
</context>
</TS>
