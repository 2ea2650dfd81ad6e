<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
