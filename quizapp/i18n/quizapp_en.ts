<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BrowserScreen</name>
    <message numerus="yes">
        <source>%n card(s) selected</source>
        <translation>
            <numerusform>%n card selected</numerusform>
            <numerusform>%n cards selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suspended %n card(s)</source>
        <translation>
            <numerusform>Suspended %n card</numerusform>
            <numerusform>Suspended %n cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unsuspended %n card(s)</source>
        <translation>
            <numerusform>Unsuspended %n card</numerusform>
            <numerusform>Unsuspended %n cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Make %n card(s) new again? Their review history stays.</source>
        <translation>
            <numerusform>Make %n card new again? Their review history stays.</numerusform>
            <numerusform>Make %n cards new again? Their review history stays.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reset %n card(s)</source>
        <translation>
            <numerusform>Reset %n card</numerusform>
            <numerusform>Reset %n cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n card(s)</source>
        <translation>
            <numerusform>Deleted %n card</numerusform>
            <numerusform>Deleted %n cards</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeckDiffDialog</name>
    <message numerus="yes">
        <source>You edited {card}, and the deck has a newer version of it. %n field(s) differ. Keep yours, or take the deck&apos;s (your edit is then replaced; the card&apos;s schedule and history stay either way).</source>
        <translation>
            <numerusform>You edited {card}, and the deck has a newer version of it. %n field differ. Keep yours, or take the deck&apos;s (your edit is then replaced; the card&apos;s schedule and history stay either way).</numerusform>
            <numerusform>You edited {card}, and the deck has a newer version of it. %n fields differ. Keep yours, or take the deck&apos;s (your edit is then replaced; the card&apos;s schedule and history stay either way).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyScreen</name>
    <message numerus="yes">
        <source>%n failed card(s) back in today&apos;s re-drill</source>
        <translation>
            <numerusform>%n failed card back in today&apos;s re-drill</numerusform>
            <numerusform>%n failed cards back in today&apos;s re-drill</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missed card(s) still to drill today. The next comes back at {time}, after a pause, so the second try tests recall rather than short-term memory.</source>
        <translation>
            <numerusform>%n missed card still to drill today. The next comes back at {time}, after a pause, so the second try tests recall rather than short-term memory.</numerusform>
            <numerusform>%n missed cards still to drill today. The next comes back at {time}, after a pause, so the second try tests recall rather than short-term memory.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SweepAttachDialog</name>
    <message numerus="yes">
        <source>%n study(ies) in this storage</source>
        <translation>
            <numerusform>%n study in this storage</numerusform>
            <numerusform>%n studies in this storage</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n card</numerusform>
            <numerusform>%n cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n question</numerusform>
            <numerusform>%n questions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n re-drill(s)</source>
        <translation>
            <numerusform>%n re-drill</numerusform>
            <numerusform>%n re-drills</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n answer</numerusform>
            <numerusform>%n answers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
</TS>
