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
    <name>Cli</name>
    <message numerus="yes">
        <source>%n card(s) in deck {deck}</source>
        <translation>
            <numerusform>%n card in deck {deck}</numerusform>
            <numerusform>%n cards in deck {deck}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n card</numerusform>
            <numerusform>%n cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>cards: {n} ({by_status}) in %n section(s)</source>
        <translation>
            <numerusform>cards: {n} ({by_status}) in %n section</numerusform>
            <numerusform>cards: {n} ({by_status}) in %n sections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Quiz: %n question(s) from {where} (seed {seed}). End input (Ctrl-D) to stop early.</source>
        <translation>
            <numerusform>Quiz: %n question from {where} (seed {seed}). End input (Ctrl-D) to stop early.</numerusform>
            <numerusform>Quiz: %n questions from {where} (seed {seed}). End input (Ctrl-D) to stop early.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>quizapp: input ended; %n question(s) left unanswered</source>
        <translation>
            <numerusform>quizapp: input ended; %n question left unanswered</numerusform>
            <numerusform>quizapp: input ended; %n questions left unanswered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>over %n answer(s)</source>
        <translation>
            <numerusform>over %n answer</numerusform>
            <numerusform>over %n answers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>this process: %n trial(s); {stopped}</source>
        <translation>
            <numerusform>this process: %n trial; {stopped}</numerusform>
            <numerusform>this process: %n trials; {stopped}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>worker {worker}: %n trial(s); {stopped}</source>
        <translation>
            <numerusform>worker {worker}: %n trial; {stopped}</numerusform>
            <numerusform>worker {worker}: %n trials; {stopped}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s) seen</source>
        <translation>
            <numerusform>%n worker seen</numerusform>
            <numerusform>%n workers seen</numerusform>
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
    <name>DeckText</name>
    <message numerus="yes">
        <source>wrote deck &apos;{deck}&apos; (%n card(s), with their schedules) to {path}</source>
        <translation>
            <numerusform>wrote deck &apos;{deck}&apos; (%n card, with their schedules) to {path}</numerusform>
            <numerusform>wrote deck &apos;{deck}&apos; (%n cards, with their schedules) to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wrote deck &apos;{deck}&apos; (%n card(s)) to {path}</source>
        <translation>
            <numerusform>wrote deck &apos;{deck}&apos; (%n card) to {path}</numerusform>
            <numerusform>wrote deck &apos;{deck}&apos; (%n cards) to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoText</name>
    <message numerus="yes">
        <source>%n time step(s) with a single sequence (first: t = {first}): its batch variance is 0, so BN cannot normalize there in training mode.</source>
        <translation>
            <numerusform>%n time step with a single sequence (first: t = {first}): its batch variance is 0, so BN cannot normalize there in training mode.</numerusform>
            <numerusform>%n time steps with a single sequence (first: t = {first}): its batch variance is 0, so BN cannot normalize there in training mode.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n configuration(s) diverged (learning rate too high); stopped at once</source>
        <translation>
            <numerusform>%n configuration diverged (learning rate too high); stopped at once</numerusform>
            <numerusform>%n configurations diverged (learning rate too high); stopped at once</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message numerus="yes">
        <source>the deck has %n error(s); nothing was imported:</source>
        <translation>
            <numerusform>the deck has %n error; nothing was imported:</numerusform>
            <numerusform>the deck has %n errors; nothing was imported:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the migration left %n broken reference(s) (first: {first})</source>
        <translation>
            <numerusform>the migration left %n broken reference (first: {first})</numerusform>
            <numerusform>the migration left %n broken references (first: {first})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FsrsText</name>
    <message numerus="yes">
        <source>%n answer(s), {scored} scored (a day or more after the previous one); test from {test_from}</source>
        <translation>
            <numerusform>%n answer, {scored} scored (a day or more after the previous one); test from {test_from}</numerusform>
            <numerusform>%n answers, {scored} scored (a day or more after the previous one); test from {test_from}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} log loss {log_loss}   RMSE(bins) {rmse}   (%n answer(s))</source>
        <translation>
            <numerusform>{name} log loss {log_loss}   RMSE(bins) {rmse}   (%n answer)</numerusform>
            <numerusform>{name} log loss {log_loss}   RMSE(bins) {rmse}   (%n answers)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too few answers for the FSRS optimizer: it kept its defaults for %n answer(s) on a later day than the card&apos;s previous one ({cards} cards); the parameters stay</source>
        <translation>
            <numerusform>too few answers for the FSRS optimizer: it kept its defaults for %n answer on a later day than the card&apos;s previous one ({cards} cards); the parameters stay</numerusform>
            <numerusform>too few answers for the FSRS optimizer: it kept its defaults for %n answers on a later day than the card&apos;s previous one ({cards} cards); the parameters stay</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>fitted to %n answer(s) on a later day than the card&apos;s previous one</source>
        <translation>
            <numerusform>fitted to %n answer on a later day than the card&apos;s previous one</numerusform>
            <numerusform>fitted to %n answers on a later day than the card&apos;s previous one</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportText</name>
    <message numerus="yes">
        <source>; kept %n card(s) you edited</source>
        <translation>
            <numerusform>; kept %n card you edited</numerusform>
            <numerusform>; kept %n cards you edited</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n card(s) skipped ({first}{more})</source>
        <translation>
            <numerusform>; %n card skipped ({first}{more})</numerusform>
            <numerusform>; %n cards skipped ({first}{more})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>exported %n card(s) to {path} (notes: {notes}, reviews: {reviews}, media files: {media})</source>
        <translation>
            <numerusform>exported %n card to {path} (notes: {notes}, reviews: {reviews}, media files: {media})</numerusform>
            <numerusform>exported %n cards to {path} (notes: {notes}, reviews: {reviews}, media files: {media})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>imported %n file(s) from {folders} into deck {decks}: {added} new, {updated} updated, {unchanged} unchanged cards</source>
        <translation>
            <numerusform>imported %n file from {folders} into deck {decks}: {added} new, {updated} updated, {unchanged} unchanged cards</numerusform>
            <numerusform>imported %n files from {folders} into deck {decks}: {added} new, {updated} updated, {unchanged} unchanged cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n card(s) you edited were kept and the deck&apos;s new version is waiting for review: {ids}</source>
        <translation>
            <numerusform>; %n card you edited were kept and the deck&apos;s new version is waiting for review: {ids}</numerusform>
            <numerusform>; %n cards you edited were kept and the deck&apos;s new version is waiting for review: {ids}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{path}: no question has an answer (%n question(s) without one, first at line {line})</source>
        <translation>
            <numerusform>{path}: no question has an answer (%n question without one, first at line {line})</numerusform>
            <numerusform>{path}: no question has an answer (%n questions without one, first at line {line})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>earlier cards resemble %n reworded question(s) (listed by --dry-run): rerun with --accept-renames to keep their schedules, or --reject-renames to import them as new cards</source>
        <translation>
            <numerusform>earlier cards resemble %n reworded question (listed by --dry-run): rerun with --accept-renames to keep their schedules, or --reject-renames to import them as new cards</numerusform>
            <numerusform>earlier cards resemble %n reworded questions (listed by --dry-run): rerun with --accept-renames to keep their schedules, or --reject-renames to import them as new cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (schedules kept for %n reworded question(s))</source>
        <translation>
            <numerusform> (schedules kept for %n reworded question)</numerusform>
            <numerusform> (schedules kept for %n reworded questions)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n card(s) left out</source>
        <translation>
            <numerusform>; %n card left out</numerusform>
            <numerusform>; %n cards left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; kept %n card(s) you edited in the app (the notes&apos; version waits for review in the browser)</source>
        <translation>
            <numerusform>; kept %n card you edited in the app (the notes&apos; version waits for review in the browser)</numerusform>
            <numerusform>; kept %n cards you edited in the app (the notes&apos; version waits for review in the browser)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>installed %n file(s) under {folder}</source>
        <translation>
            <numerusform>installed %n file under {folder}</numerusform>
            <numerusform>installed %n files under {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>removed %n file(s) under {folder}</source>
        <translation>
            <numerusform>removed %n file under {folder}</numerusform>
            <numerusform>removed %n files under {folder}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportText</name>
    <message numerus="yes">
        <source>history (%n answer(s)):</source>
        <translation>
            <numerusform>history (%n answer):</numerusform>
            <numerusform>history (%n answers):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>last %n day(s): {answers} answers on {days_studied} days, {minutes} min; streak {streak} days; {quiz_answers} quiz answers (not counted)</source>
        <translation>
            <numerusform>last %n day: {answers} answers on {days_studied} days, {minutes} min; streak {streak} days; {quiz_answers} quiz answers (not counted)</numerusform>
            <numerusform>last %n days: {answers} answers on {days_studied} days, {minutes} min; streak {streak} days; {quiz_answers} quiz answers (not counted)</numerusform>
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
    <name>StudyText</name>
    <message numerus="yes">
        <source>%n more new card(s)</source>
        <translation>
            <numerusform>%n more new card</numerusform>
            <numerusform>%n more new cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>section(s) {sections}</source>
        <translation>
            <numerusform>section {sections}</numerusform>
            <numerusform>sections {sections}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>kind(s) {kinds}</source>
        <translation>
            <numerusform>kind {kinds}</numerusform>
            <numerusform>kinds {kinds}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) · {each} each · time used {used} · {grades} · recalled {passed} of {questions}</source>
        <translation>
            <numerusform>%n question · {each} each · time used {used} · {grades} · recalled {passed} of {questions}</numerusform>
            <numerusform>%n questions · {each} each · time used {used} · {grades} · recalled {passed} of {questions}</numerusform>
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
    <name>SweepText</name>
    <message numerus="yes">
        <source>ran %n trial(s)</source>
        <translation>
            <numerusform>ran %n trial</numerusform>
            <numerusform>ran %n trials</numerusform>
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
