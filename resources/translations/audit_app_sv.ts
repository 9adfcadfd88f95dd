<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>AnswerCommand</name>
    <message>
        <source>answer to “%1”</source>
        <translation>svar på ”%1”</translation>
    </message>
</context>
<context>
    <name>AuditListModel</name>
    <message>
        <source>Audit</source>
        <translation>Granskning</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Mall</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Akter</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Klara</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, version %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 av %2</translation>
    </message>
</context>
<context>
    <name>AuditsPage</name>
    <message>
        <source>Audits</source>
        <translation>Granskningar</translation>
    </message>
    <message>
        <source>There are no audits yet. Create one with “New audit…”, or try the demo audit.</source>
        <translation>Det finns inga granskningar ännu. Skapa en med ”Ny granskning…” eller prova demogranskningen.</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Öppnar databasen…</translation>
    </message>
    <message>
        <source>New audit…</source>
        <translation>Ny granskning…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <source>Create the demo audit</source>
        <translation>Skapa demogranskningen</translation>
    </message>
    <message>
        <source>Creating the demo audit…</source>
        <translation>Skapar demogranskningen…</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Edit case %1</source>
        <translation>Ändra akt %1</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>Ny akt</translation>
    </message>
    <message>
        <source>e.g. HV-01 (never a personal identity number)</source>
        <translation>t.ex. HV-01 (aldrig ett personnummer)</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Akt</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ÅÅÅÅ-MM-DD</translation>
    </message>
    <message>
        <source>Personal identity number</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>The case seems to contain a personal identity number. Store it anyway? This is logged.</source>
        <translation>Akten verkar innehålla ett personnummer. Spara ändå? Det loggas.</translation>
    </message>
</context>
<context>
    <name>CaseFormPage</name>
    <message>
        <source>Next section</source>
        <translation>Nästa avsnitt</translation>
    </message>
    <message>
        <source>Previous section</source>
        <translation>Föregående avsnitt</translation>
    </message>
    <message>
        <source>Next unanswered question</source>
        <translation>Nästa obesvarade fråga</translation>
    </message>
    <message>
        <source>Next case</source>
        <translation>Nästa akt</translation>
    </message>
    <message>
        <source>Previous case</source>
        <translation>Föregående akt</translation>
    </message>
    <message>
        <source>Mark case complete</source>
        <translation>Markera akten som klar</translation>
    </message>
    <message>
        <source>Comment on the question</source>
        <translation>Kommentera frågan</translation>
    </message>
    <message>
        <source>Answer history</source>
        <translation>Svarshistorik</translation>
    </message>
    <message>
        <source>Back to the case list</source>
        <translation>Tillbaka till aktlistan</translation>
    </message>
    <message>
        <source>No question in this section applies to the case.</source>
        <translation>Ingen fråga i avsnittet gäller för akten.</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Inte sparat.</translation>
    </message>
    <message>
        <source>Personal identity number</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>The text seems to contain a personal identity number. Case files in an audit should not be identifiable.

Store it anyway? This is logged.</source>
        <translation>Texten verkar innehålla ett personnummer. Akter i en granskning ska inte gå att identifiera.

Spara ändå? Det loggas.</translation>
    </message>
    <message>
        <source>The case is no longer marked complete: a question that applies has no answer.</source>
        <translation>Akten är inte längre markerad som klar: en fråga som gäller saknar svar.</translation>
    </message>
    <message>
        <source>Every question that applies is answered. Ctrl+Enter marks the case complete.</source>
        <translation>Alla frågor som gäller är besvarade. Ctrl+Enter markerar akten som klar.</translation>
    </message>
    <message>
        <source>The case is complete. Ctrl+Shift+PgDown opens the next case.</source>
        <translation>Akten är klar. Ctrl+Skift+PgDn öppnar nästa akt.</translation>
    </message>
    <message numerus="yes">
        <source>The case cannot be marked complete: %n question(s) that apply have no answer. First: “%1”</source>
        <translation>
            <numerusform>Akten kan inte markeras som klar: %n fråga som gäller saknar svar: ”%1”</numerusform><numerusform>Akten kan inte markeras som klar: %n frågor som gäller saknar svar. Första: ”%1”</numerusform></translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <source>The review phase has ended: the answers can no longer be changed. Consensus answers are set on the Colleague review page.</source>
        <translation>Granskningsfasen är avslutad: svaren kan inte längre ändras. Konsensussvar sätts på sidan Kollegial granskning.</translation>
    </message>
    <message>
        <source>Case list</source>
        <translation>Aktlista</translation>
    </message>
    <message>
        <source>◀ Previous case</source>
        <translation>◀ Föregående akt</translation>
    </message>
    <message>
        <source>Next case ▶</source>
        <translation>Nästa akt ▶</translation>
    </message>
    <message>
        <source>Mark complete</source>
        <translation>Markera som klar</translation>
    </message>
    <message>
        <source>No case fields entered</source>
        <translation>Inga uppgifter om akten</translation>
    </message>
    <message>
        <source>Excluded from the audit: %1. Answers are kept but not counted.</source>
        <translation>Exkluderad från granskningen: %1. Svaren sparas men räknas inte.</translation>
    </message>
    <message>
        <source>Review: %1 · %2 of %3 answered</source>
        <translation>Granskning: %1 · %2 av %3 besvarade</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Öppna igen</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Case</source>
        <translation>Akt</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Granskning</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Besvarade</translation>
    </message>
    <message>
        <source>Excluded because</source>
        <translation>Exkluderad, skäl</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>All audits</source>
        <translation>Alla granskningar</translation>
    </message>
    <message>
        <source>Filter cases (Ctrl+F)</source>
        <translation>Filtrera akter (Ctrl+F)</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>Alla akter</translation>
    </message>
    <message>
        <source>Not complete</source>
        <translation>Inte klara</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Ej påbörjad</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Påbörjad</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Klar</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>Exkluderad</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Granska</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>Ny akt…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Ändra…</translation>
    </message>
    <message>
        <source>Exclude…</source>
        <translation>Exkludera…</translation>
    </message>
    <message>
        <source>Import cases…</source>
        <translation>Importera akter…</translation>
    </message>
    <message>
        <source>Import answers…</source>
        <translation>Importera svar…</translation>
    </message>
    <message>
        <source>%1 cases · %2 complete · %3 excluded</source>
        <translation>%1 akter · %2 klara · %3 exkluderade</translation>
    </message>
    <message>
        <source>Include again</source>
        <translation>Ta med igen</translation>
    </message>
    <message>
        <source>Import cases</source>
        <translation>Importera akter</translation>
    </message>
    <message>
        <source>Import answers</source>
        <translation>Importera svar</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-filer (*.csv *.txt);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Imported %1: %2</source>
        <translation>Importerat %1: %2</translation>
    </message>
    <message>
        <source>The file contains personal identity numbers in free text. Import it anyway? This is logged.</source>
        <translation>Filen innehåller personnummer i fritext. Importera ändå? Det loggas.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importerar %1…</translation>
    </message>
    <message>
        <source>Case %1 is now called %2</source>
        <translation>Akten %1 heter nu %2</translation>
    </message>
    <message>
        <source>The automatic backup failed; the earlier backups are kept.</source>
        <translation>Den automatiska säkerhetskopieringen misslyckades; de tidigare säkerhetskopiorna finns kvar.</translation>
    </message>
</context>
<context>
    <name>CreateAuditDialog</name>
    <message>
        <source>New audit</source>
        <translation>Ny granskning</translation>
    </message>
    <message>
        <source>e.g. Öppenvård barn 0-12 år, hösten 2025</source>
        <translation>t.ex. Öppenvård barn 0-12 år, hösten 2025</translation>
    </message>
    <message>
        <source>A bundled template</source>
        <translation>En medföljande mall</translation>
    </message>
    <message>
        <source>A template file (YAML or JSON)</source>
        <translation>En mallfil (YAML eller JSON)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n question(s))</source>
        <translation>
            <numerusform>%1 (%n fråga)</numerusform><numerusform>%1 (%n frågor)</numerusform></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Bläddra…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kontrollera</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Skapa</translation>
    </message>
    <message>
        <source>Template file</source>
        <translation>Mallfil</translation>
    </message>
    <message>
        <source>Templates (*.yaml *.yml *.json);;All files (*)</source>
        <translation>Mallar (*.yaml *.yml *.json);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Choose a template file.</source>
        <translation>Välj en mallfil.</translation>
    </message>
    <message>
        <source>The template is valid.</source>
        <translation>Mallen är giltig.</translation>
    </message>
    <message>
        <source>Line %1: %2 – %3</source>
        <translation>Rad %1: %2 – %3</translation>
    </message>
    <message numerus="yes">
        <source>The template has %n error(s); nothing was created.</source>
        <translation>
            <numerusform>Mallen har %n fel; ingenting skapades.</numerusform><numerusform>Mallen har %n fel; ingenting skapades.</numerusform></translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <source>Errors in the file</source>
        <translation>Fel i filen</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found. Nothing was saved; correct the file and try again.</source>
        <translation>
            <numerusform>%n fel hittades. Ingenting sparades; rätta filen och försök igen.</numerusform><numerusform>%n fel hittades. Ingenting sparades; rätta filen och försök igen.</numerusform></translation>
    </message>
    <message>
        <source>Line %1: %2 – %3</source>
        <translation>Rad %1: %2 – %3</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiera</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The passphrase is wrong (or your private key file is damaged). Try again with the passphrase you chose when you created your key pair.</source>
        <translation>Lösenfrasen är fel (eller så är filen med din privata nyckel skadad). Försök igen med den lösenfras du valde när du skapade ditt nyckelpar.</translation>
    </message>
    <message>
        <source>The file %1 cannot be found. It may have been moved, renamed or deleted; choose it again.</source>
        <translation>Filen %1 hittas inte. Den kan ha flyttats, bytt namn eller tagits bort; välj den igen.</translation>
    </message>
    <message>
        <source>The file %1 cannot be read. Check that it is a file, not a folder, that you may read it, and that no other program holds it.</source>
        <translation>Filen %1 kan inte läsas. Kontrollera att det är en fil och inte en mapp, att du har behörighet att läsa den och att inget annat program håller den öppen.</translation>
    </message>
    <message>
        <source>The input was not accepted</source>
        <translation>Uppgiften godtogs inte</translation>
    </message>
    <message>
        <source>The file has errors</source>
        <translation>Filen innehåller fel</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Hittades inte</translation>
    </message>
    <message>
        <source>The database cannot be used</source>
        <translation>Databasen kan inte användas</translation>
    </message>
    <message>
        <source>The case was not saved</source>
        <translation>Akten sparades inte</translation>
    </message>
    <message>
        <source>Not a valid number</source>
        <translation>Inte ett giltigt tal</translation>
    </message>
    <message>
        <source>Outside the allowed range</source>
        <translation>Utanför tillåtet intervall</translation>
    </message>
    <message>
        <source>Not a date of the form YYYY-MM-DD</source>
        <translation>Inte ett datum på formen ÅÅÅÅ-MM-DD</translation>
    </message>
    <message>
        <source>Not one of the options</source>
        <translation>Inte ett av svarsalternativen</translation>
    </message>
    <message>
        <source>Several options for a single choice</source>
        <translation>Flera alternativ där bara ett får väljas</translation>
    </message>
    <message>
        <source>Contains a personal identity number</source>
        <translation>Innehåller ett personnummer</translation>
    </message>
    <message>
        <source>Answer the question before commenting on it</source>
        <translation>Svara på frågan innan du kommenterar den</translation>
    </message>
    <message>
        <source>A case with this label already exists</source>
        <translation>Det finns redan en akt med den beteckningen</translation>
    </message>
    <message>
        <source>The same row twice</source>
        <translation>Samma rad två gånger</translation>
    </message>
    <message>
        <source>A value is missing</source>
        <translation>Värde saknas</translation>
    </message>
    <message>
        <source>Too long</source>
        <translation>För lång</translation>
    </message>
    <message>
        <source>Unknown column</source>
        <translation>Okänd kolumn</translation>
    </message>
    <message>
        <source>Missing column</source>
        <translation>Kolumn saknas</translation>
    </message>
    <message>
        <source>Unknown case</source>
        <translation>Okänd akt</translation>
    </message>
    <message>
        <source>Unknown question</source>
        <translation>Okänd fråga</translation>
    </message>
    <message>
        <source>Unreadable text encoding</source>
        <translation>Oläslig teckenkodning</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>Filen är tom</translation>
    </message>
    <message>
        <source>The file has a header but no rows</source>
        <translation>Filen har rubrikrad men inga rader</translation>
    </message>
    <message>
        <source>YAML syntax error</source>
        <translation>Syntaxfel i YAML</translation>
    </message>
    <message>
        <source>Unknown key</source>
        <translation>Okänd nyckel</translation>
    </message>
    <message>
        <source>Missing key</source>
        <translation>Nyckel saknas</translation>
    </message>
    <message>
        <source>Wrong type of value</source>
        <translation>Fel typ av värde</translation>
    </message>
    <message>
        <source>Duplicate id</source>
        <translation>Samma id två gånger</translation>
    </message>
    <message>
        <source>Invalid identifier</source>
        <translation>Ogiltig identifierare</translation>
    </message>
    <message>
        <source>Reference to something that does not exist</source>
        <translation>Hänvisning till något som inte finns</translation>
    </message>
    <message>
        <source>Condition cannot be read</source>
        <translation>Villkoret går inte att läsa</translation>
    </message>
    <message>
        <source>Condition uses something not allowed</source>
        <translation>Villkoret använder något som inte är tillåtet</translation>
    </message>
    <message>
        <source>Conditions refer to each other in a circle</source>
        <translation>Villkor hänvisar till varandra i en cirkel</translation>
    </message>
    <message>
        <source>Classes overlap or are invalid</source>
        <translation>Klasserna överlappar eller är ogiltiga</translation>
    </message>
    <message>
        <source>Question without options</source>
        <translation>Fråga utan svarsalternativ</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Oväntat fel</translation>
    </message>
    <message>
        <source>Something went wrong: %1. Every answer up to the last 'Saved' is stored.</source>
        <translation>Något gick fel: %1. Alla svar fram till senaste ”Sparat” finns kvar.</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Inte nu</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>Databasen är skadad</translation>
    </message>
    <message>
        <source>The database is open in another window</source>
        <translation>Databasen är öppen i ett annat fönster</translation>
    </message>
</context>
<context>
    <name>ExcludeDialog</name>
    <message>
        <source>Exclude case %1</source>
        <translation>Exkludera akt %1</translation>
    </message>
    <message>
        <source>An excluded case is left out of every table. Why is case %1 excluded?</source>
        <translation>En exkluderad akt räknas inte i någon tabell. Varför exkluderas akt %1?</translation>
    </message>
    <message>
        <source>e.g. wrong target group, file missing</source>
        <translation>t.ex. fel målgrupp, akten saknas</translation>
    </message>
</context>
<context>
    <name>GenomlysningDialog</name>
    <message>
        <source>Genomlysning: implementation plans per unit</source>
        <translation>Genomlysning: genomförandeplaner per enhet</translation>
    </message>
    <message>
        <source>For each unit, the number of active cases and how many of them have an implementation plan. Figures are stored as soon as both are given.</source>
        <translation>För varje enhet: antalet aktiva ärenden och hur många av dem som har en genomförandeplan. Uppgifterna sparas så snart båda är ifyllda.</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importera CSV…</translation>
    </message>
    <message>
        <source>Stored the figures of %1.</source>
        <translation>Uppgifterna för %1 är sparade.</translation>
    </message>
    <message>
        <source>Import genomlysning</source>
        <translation>Importera genomlysning</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-filer (*.csv *.txt);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 changed, %3 unchanged.</source>
        <translation>Importerat: %1 nya, %2 ändrade, %3 oförändrade.</translation>
    </message>
</context>
<context>
    <name>GenomlysningModel</name>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>Active cases</source>
        <translation>Aktiva ärenden</translation>
    </message>
    <message>
        <source>With a plan</source>
        <translation>Med genomförandeplan</translation>
    </message>
    <message>
        <source>Without a plan</source>
        <translation>Utan genomförandeplan</translation>
    </message>
    <message>
        <source>Share with a plan</source>
        <translation>Andel med plan</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totalt</translation>
    </message>
    <message>
        <source>%1: enter a whole number, 0 or more.</source>
        <translation>%1: ange ett heltal, 0 eller större.</translation>
    </message>
    <message>
        <source>%1: the cases with a plan (%2) cannot be more than the active cases (%3).</source>
        <translation>%1: antalet ärenden med genomförandeplan (%2) kan inte vara större än antalet aktiva ärenden (%3).</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <source>Answer history (Ctrl+H)</source>
        <translation>Svarshistorik (Ctrl+H)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Keys&lt;/b&gt;&lt;br&gt;1–9: pick an option&lt;br&gt;Delete: clear the answer&lt;br&gt;Enter, ↓ / ↑: next / previous question&lt;br&gt;Tab: next question&lt;br&gt;Ctrl+K: comment&lt;br&gt;Ctrl+J: next unanswered&lt;br&gt;Ctrl+PgDown / PgUp: next / previous section&lt;br&gt;Ctrl+Shift+PgDown / PgUp: next / previous case&lt;br&gt;Ctrl+Enter: mark complete&lt;br&gt;Ctrl+Z / Ctrl+Shift+Z: undo / redo</source>
        <translation>&lt;b&gt;Tangenter&lt;/b&gt;&lt;br&gt;1–9: välj alternativ&lt;br&gt;Delete: ta bort svaret&lt;br&gt;Enter, ↓ / ↑: nästa / föregående fråga&lt;br&gt;Tab: nästa fråga&lt;br&gt;Ctrl+K: kommentar&lt;br&gt;Ctrl+J: nästa obesvarade&lt;br&gt;Ctrl+PgDn / PgUp: nästa / föregående avsnitt&lt;br&gt;Ctrl+Skift+PgDn / PgUp: nästa / föregående akt&lt;br&gt;Ctrl+Enter: markera klar&lt;br&gt;Ctrl+Z / Ctrl+Skift+Z: ångra / gör om</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hjälp</translation>
    </message>
    <message>
        <source>No help text for this question.</source>
        <translation>Frågan har ingen hjälptext.</translation>
    </message>
    <message>
        <source>Move to a question to see its help text.</source>
        <translation>Gå till en fråga för att se dess hjälptext.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reference:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Lagrum och stöd:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Quality area: %1</source>
        <translation>Kvalitetsområde: %1</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Answer history</source>
        <translation>Svarshistorik</translation>
    </message>
    <message>
        <source>No change has been logged for this answer.</source>
        <translation>Inga ändringar har loggats för svaret.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Av</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ändring</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Före</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Efter</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anmärkning</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>besvarad</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>ändrad</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>borttagen</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>kommentar</translation>
    </message>
    <message>
        <source>identity number allowed</source>
        <translation>personnummer tillåtet</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>ångrat</translation>
    </message>
    <message>
        <source>redo</source>
        <translation>gjort om</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Genomlysning…</source>
        <translation>Genomlysning…</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>Rapport...</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Tables…</source>
        <translation>Tabeller…</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabeller</translation>
    </message>
    <message>
        <source>Case file audit</source>
        <translation>Aktgranskning</translation>
    </message>
    <message>
        <source>Every change is stored at once</source>
        <translation>Varje ändring sparas direkt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>New audit…</source>
        <translation>Ny granskning…</translation>
    </message>
    <message>
        <source>Create the demo audit</source>
        <translation>Skapa demogranskningen</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Inställningar…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Redigera</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ångra</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Gör om</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gå</translation>
    </message>
    <message>
        <source>Audits</source>
        <translation>Granskningar</translation>
    </message>
    <message>
        <source>Case list</source>
        <translation>Aktlista</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>A&amp;kt</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>The new language applies from the next start.</source>
        <translation>Det nya språket gäller från nästa start.</translation>
    </message>
    <message>
        <source>Reviewer: %1</source>
        <translation>Granskare: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Sparat %1</translation>
    </message>
    <message>
        <source>Every change is stored at once. Last: %1</source>
        <translation>Varje ändring sparas direkt. Senast: %1</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Not started</source>
        <extracomment>Progress codes in their natural order, with the colour of their dot.</extracomment>
        <translation>Ej påbörjad</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Påbörjad</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Klar</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>Exkluderad</translation>
    </message>
</context>
<context>
    <name>QuestionCard</name>
    <message>
        <source>optional</source>
        <translation>frivillig</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Rensa</translation>
    </message>
    <message>
        <source>Remove the answer (Delete)</source>
        <translation>Ta bort svaret (Delete)</translation>
    </message>
    <message>
        <source>Comment (Ctrl+K)</source>
        <translation>Kommentar (Ctrl+K)</translation>
    </message>
    <message>
        <source>Comment – answer the question first</source>
        <translation>Kommentar – svara på frågan först</translation>
    </message>
    <message>
        <source>Counts as an answer, shown apart in the tables</source>
        <translation>Räknas som svar och redovisas för sig i tabellerna</translation>
    </message>
    <message>
        <source>(whole number)</source>
        <translation>(heltal)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ÅÅÅÅ-MM-DD</translation>
    </message>
    <message>
        <source>Calendar…</source>
        <translation>Kalender…</translation>
    </message>
    <message>
        <source>Pick the date in a calendar</source>
        <translation>Välj datumet i en kalender</translation>
    </message>
</context>
<context>
    <name>SectionNavigator</name>
    <message>
        <source>does not apply</source>
        <translation>gäller inte</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 av %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>Move to the next question after picking an option</source>
        <translation>Gå till nästa fråga när ett alternativ har valts</translation>
    </message>
    <message>
        <source>Your answers are stored under the reviewer name. A new language applies when the program is started again.</source>
        <translation>Dina svar sparas under granskarnamnet. Ett nytt språk gäller när programmet startas om.</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Granskare</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Your answers are stored under the reviewer name. A new language applies at once.</source>
        <translation>Dina svar sparas under granskarnamnet. Ett nytt språk gäller direkt.</translation>
    </message>
</context>
<context>
    <name>TablesModel</name>
    <message>
        <source>Total</source>
        <translation>Totalt</translation>
    </message>
</context>
<context>
    <name>GenderModel</name>
    <message>
        <source>Question</source>
        <translation>Fråga</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Difference
(percentage points)</source>
        <translation>Skillnad
(procentenheter)</translation>
    </message>
</context>
<context>
    <name>TablesPage</name>
    <message>
        <source>Case list</source>
        <translation>Ärendelista</translation>
    </message>
    <message>
        <source>off</source>
        <translation>av</translation>
    </message>
    <message>
        <source>Counts from 1 to N-1 are shown as &lt;N in the view, every export and the report; the data is not changed.</source>
        <translation>Antal från 1 till N-1 visas som &lt;N i vyn, i varje export och i rapporten; data ändras inte.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Tillämpa</translation>
    </message>
    <message>
        <source>Save chart…</source>
        <translation>Spara diagram…</translation>
    </message>
    <message>
        <source>Break down by</source>
        <translation>Dela upp efter</translation>
    </message>
    <message>
        <source>and within each column by</source>
        <translation>och inom varje kolumn efter</translation>
    </message>
    <message>
        <source>Small-cell limit</source>
        <translation>Gräns för små tal</translation>
    </message>
    <message>
        <source>&lt;b&gt;Gender analysis&lt;/b&gt; – largest difference first</source>
        <translation>&lt;b&gt;Jämställdhetsanalys&lt;/b&gt; – största skillnaden först</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Visa</translation>
    </message>
    <message>
        <source>Tables as XLSX…</source>
        <translation>Tabeller som XLSX…</translation>
    </message>
    <message>
        <source>Tables as CSV…</source>
        <translation>Tabeller som CSV…</translation>
    </message>
    <message>
        <source>Whole workbook…</source>
        <translation>Hela arbetsboken…</translation>
    </message>
    <message>
        <source>Raw data…</source>
        <translation>Rådata…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; – tables</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; – tabeller</translation>
    </message>
    <message>
        <source>Whole sample</source>
        <translation>Hela urvalet</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>(ingenting)</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totalt</translation>
    </message>
    <message>
        <source>Counts from 1 to %1 are shown as &lt;%2; shares that would reveal them as ..</source>
        <translation>Antal från 1 till %1 visas som &lt;%2; andelar som skulle avslöja dem visas som ..</translation>
    </message>
    <message>
        <source>The template has no gender field.</source>
        <translation>Mallen har inget fält för kön.</translation>
    </message>
    <message>
        <source>Counting the gender analysis…</source>
        <translation>Jämställdhetsanalysen räknas…</translation>
    </message>
    <message>
        <source>Only questions with options are drawn as bars.</source>
        <translation>Bara frågor med svarsalternativ ritas som stapeldiagram.</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>Spara diagram</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG-bild (*.png);;SVG-bild (*.svg)</translation>
    </message>
    <message>
        <source>Chart saved: %1</source>
        <translation>Diagrammet sparat: %1</translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation>Exporterat: %1</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-arbetsbok (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV-fil (*.csv)</translation>
    </message>
    <message>
        <source>Export tables</source>
        <translation>Exportera tabeller</translation>
    </message>
    <message>
        <source>Export the whole workbook</source>
        <translation>Exportera hela arbetsboken</translation>
    </message>
    <message>
        <source>Export raw data</source>
        <translation>Exportera rådata</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel-arbetsbok (*.xlsx);;CSV-fil (*.csv)</translation>
    </message>
</context>
<context>
    <name>ReportPreview</name>
    <message>
        <source>The report is shown when the review phase has ended.</source>
        <translation>Rapporten visas när granskningsfasen är avslutad.</translation>
    </message>
    <message>
        <source>The preview is built from the stored texts.</source>
        <translation>Förhandsvisningen byggs av de sparade texterna.</translation>
    </message>
    <message>
        <source>Updating the preview…</source>
        <translation>Förhandsvisningen uppdateras…</translation>
    </message>
    <message>
        <source>Preview of the report: %1 page(s)</source>
        <translation>Förhandsvisning av rapporten: %1 sidor</translation>
    </message>
    <message>
        <source>The preview could not be built: %1</source>
        <translation>Förhandsvisningen kunde inte byggas: %1</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Use the suggestion</source>
        <translation>Använd förslaget</translation>
    </message>
    <message>
        <source>Empty: the report prints the suggested sentence.</source>
        <translation>Tomt: rapporten skriver ut den föreslagna meningen.</translation>
    </message>
    <message>
        <source>Suggested sentence (from the report's tables):</source>
        <translation>Föreslagen mening (från rapportens tabeller):</translation>
    </message>
    <message>
        <source>Finding in the report:</source>
        <translation>Iakttagelse i rapporten:</translation>
    </message>
</context>
<context>
    <name>VignettesPanel</name>
    <message>
        <source>New case example</source>
        <translation>Nytt typexempel</translation>
    </message>
    <message>
        <source>Describe the case without anything that identifies the person (no personal identity numbers).</source>
        <translation>Beskriv ärendet utan något som identifierar personen (inga personnummer).</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <source>Quality area</source>
        <translation>Kvalitetsområde</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>(the results chapter)</source>
        <translation>(granskningsresultatet)</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(utan rubrik)</translation>
    </message>
</context>
<context>
    <name>ReportEditorPage</name>
    <message>
        <source>← Case list</source>
        <translation>← Ärendelistan</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Exportera PDF...</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sammanfattning</translation>
    </message>
    <message>
        <source>Introduction</source>
        <translation>Inledning</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Granskningsmetod</translation>
    </message>
    <message>
        <source>Target group, sample and scope</source>
        <translation>Målgrupp, urval och avgränsning</translation>
    </message>
    <message>
        <source>Starting points</source>
        <translation>Utgångspunkter</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Bakgrund</translation>
    </message>
    <message>
        <source>Dialogue meetings</source>
        <translation>Dialogmöten</translation>
    </message>
    <message>
        <source>Analysis: %1</source>
        <translation>Analys: %1</translation>
    </message>
    <message>
        <source>Gender equality analysis</source>
        <translation>Jämställdhetsanalys</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>Rapport: %1</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Opening the report…</source>
        <translation>Rapporten öppnas…</translation>
    </message>
    <message>
        <source>Write the chapter here. Empty chapters print the text written from the data, or a note.</source>
        <translation>Skriv kapitlet här. Tomma kapitel skrivs ut med texten som skrivs från data, eller en notering.</translation>
    </message>
    <message>
        <source>Findings per question</source>
        <translation>Iakttagelser per fråga</translation>
    </message>
    <message>
        <source>Case examples (typexempel)</source>
        <translation>Typexempel</translation>
    </message>
    <message>
        <source>Personal identity number</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>The text seems to contain a personal identity number. A report must not identify anyone.

Store it anyway? This is logged.</source>
        <translation>Texten verkar innehålla ett personnummer. En rapport får inte peka ut någon.

Spara ändå? Det loggas.</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>Exportera rapporten</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <source>The report was written to %1</source>
        <translation>Rapporten skrevs till %1</translation>
    </message>
</context>
<context>
    <name>AgreementModel</name>
    <message>
        <source>Question</source>
        <translation>Fråga</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Enheter</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Överensstämmelse</translation>
    </message>
    <message>
        <source>Cohen's kappa</source>
        <translation>Cohens kappa</translation>
    </message>
    <message>
        <source>95% CI</source>
        <translation>95 % KI</translation>
    </message>
    <message>
        <source>Krippendorff's alpha</source>
        <translation>Krippendorffs alfa</translation>
    </message>
    <message>
        <source>Gwet's AC1</source>
        <translation>Gwets AC1</translation>
    </message>
    <message>
        <source>Every choice question pooled; kappa and intervals are per question</source>
        <translation>Alla flervalsfrågor sammanslagna; kappa och intervall anges per fråga</translation>
    </message>
    <message>
        <source>All questions together</source>
        <translation>Alla frågor sammantaget</translation>
    </message>
</context>
<context>
    <name>ColleaguePage</name>
    <message>
        <source>Case list</source>
        <translation>Aktlista</translation>
    </message>
    <message>
        <source>Phase: review. Each reviewer sees only their own answers; answers are compared when you end the phase.</source>
        <translation>Fas: granskning. Varje granskare ser bara sina egna svar; svaren jämförs när du avslutar fasen.</translation>
    </message>
    <message>
        <source>Phase: reconciliation. The answers can be compared and disagreements decided.</source>
        <translation>Fas: avstämning. Svaren kan jämföras och oenigheter avgöras.</translation>
    </message>
    <message>
        <source>Phase: closed. Nothing more is decided unless you reopen it.</source>
        <translation>Fas: avslutad. Inget mer avgörs om du inte öppnar den igen.</translation>
    </message>
    <message>
        <source>End the review phase…</source>
        <translation>Avsluta granskningsfasen…</translation>
    </message>
    <message>
        <source>Reopen the review phase…</source>
        <translation>Öppna granskningsfasen igen…</translation>
    </message>
    <message>
        <source>Close the audit…</source>
        <translation>Avsluta granskningen…</translation>
    </message>
    <message>
        <source>Reopen reconciliation…</source>
        <translation>Öppna avstämningen igen…</translation>
    </message>
    <message>
        <source>Review plan</source>
        <translation>Granskningsplan</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Samstämmighet</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Oenigheter</translation>
    </message>
    <message>
        <source>Year on year</source>
        <translation>Jämför med tidigare år</translation>
    </message>
    <message>
        <source>Packages and keys</source>
        <translation>Paket och nycklar</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Colleague review: %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Kollegial granskning: %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>End the review phase</source>
        <translation>Avsluta granskningsfasen</translation>
    </message>
    <message>
        <source>End the review phase? The reviewers' answers can then be compared, and the disagreements decided.</source>
        <translation>Avsluta granskningsfasen? Därefter kan granskarnas svar jämföras och oenigheterna avgöras.</translation>
    </message>
    <message>
        <source>Reopen the review phase</source>
        <translation>Öppna granskningsfasen igen</translation>
    </message>
    <message>
        <source>Reopen the review phase? Reviewers are blinded again and comparing waits until the phase ends.</source>
        <translation>Öppna granskningsfasen igen? Granskarna ser åter bara sina egna svar och jämförelsen väntar tills fasen avslutas.</translation>
    </message>
    <message>
        <source>Close the audit</source>
        <translation>Avsluta granskningen</translation>
    </message>
    <message>
        <source>Close the audit? No more consensus answers can be recorded until reconciliation is reopened.</source>
        <translation>Avsluta granskningen? Inga fler konsensussvar kan registreras förrän avstämningen öppnas igen.</translation>
    </message>
    <message>
        <source>Reopen reconciliation</source>
        <translation>Öppna avstämningen igen</translation>
    </message>
    <message>
        <source>Reopen reconciliation so consensus answers can be changed?</source>
        <translation>Öppna avstämningen igen så att konsensussvar kan ändras?</translation>
    </message>
    <message>
        <source>Phase changed: %1</source>
        <translation>Fasen ändrad: %1</translation>
    </message>
    <message>
        <source>review</source>
        <translation>granskning</translation>
    </message>
    <message>
        <source>reconciliation</source>
        <translation>avstämning</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>avslutad</translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <source>The plan is changed during the review phase</source>
        <translation>Planen ändras under granskningsfasen</translation>
    </message>
    <message>
        <source>Create or change the plan…</source>
        <translation>Skapa eller ändra planen…</translation>
    </message>
    <message>
        <source>Plan stored: %1 cases, %2 double-reviewed; %3 assignments added, %4 removed, %5 changed.</source>
        <translation>Planen sparad: %1 akter, %2 dubbelgranskade; %3 tilldelningar tillagda, %4 borttagna, %5 ändrade.</translation>
    </message>
    <message>
        <source>No review plan yet: every reviewer may answer every case. Create a plan to assign the cases.</source>
        <translation>Ingen granskningsplan ännu: varje granskare kan besvara varje akt. Skapa en plan för att fördela akterna.</translation>
    </message>
    <message>
        <source>every case</source>
        <translation>alla akter</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Granskare</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Akter</translation>
    </message>
    <message>
        <source>Double-reviewed</source>
        <translation>Dubbelgranskade</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Klara</translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation>ej tilldelad</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Akt</translation>
    </message>
    <message>
        <source>Reviewers</source>
        <translation>Granskare</translation>
    </message>
    <message>
        <source>Double review</source>
        <translation>Dubbelgranskning</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Framsteg</translation>
    </message>
    <message>
        <source>%1 % of each stratum (seed %2)</source>
        <translation>%1 % av varje stratum (frö %2)</translation>
    </message>
    <message>
        <source>Double review: %1, by %2 reviewers. Strata: %3. Assigned by %4.</source>
        <translation>Dubbelgranskning: %1, av %2 granskare. Strata: %3. Fördelad av %4.</translation>
    </message>
    <message>
        <source>Answers kept from reviewers no longer assigned: %1</source>
        <translation>Svar sparade från granskare som inte längre har akten: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>inga</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>%1: %2 answers</source>
        <translation>%1: %2 svar</translation>
    </message>
</context>
<context>
    <name>AgreementTab</name>
    <message>
        <source>Compute</source>
        <translation>Beräkna</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportera CSV…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>Exportera JSON…</translation>
    </message>
    <message>
        <source>Units are included cases where two or more reviewers answered the question. Intervals: bootstrap 95 %, 1000 resamples. A dash: not defined (e.g. too few units).</source>
        <translation>Enheter är ingående akter där två eller fler granskare besvarat frågan. Intervall: bootstrap 95 %, 1000 omsamplingar. Streck: ej definierat (t.ex. för få enheter).</translation>
    </message>
    <message>
        <source>Computing agreement with bootstrap intervals…</source>
        <translation>Beräknar samstämmighet med bootstrapintervall…</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV-fil (*.csv)</translation>
    </message>
    <message>
        <source>JSON file (*.json)</source>
        <translation>JSON-fil (*.json)</translation>
    </message>
    <message>
        <source>Export agreement</source>
        <translation>Exportera samstämmighet</translation>
    </message>
    <message>
        <source>Agreement saved: %1</source>
        <translation>Samstämmigheten sparad: %1</translation>
    </message>
</context>
<context>
    <name>ReconcileTab</name>
    <message>
        <source>Show the reviewers' names (logged)</source>
        <translation>Visa granskarnas namn (loggas)</translation>
    </message>
    <message>
        <source>Also show decided questions</source>
        <translation>Visa även avgjorda frågor</translation>
    </message>
    <message>
        <source>Decide…</source>
        <translation>Avgör…</translation>
    </message>
    <message>
        <source>The reviewers' answers are compared once the review phase has ended.</source>
        <translation>Granskarnas svar jämförs när granskningsfasen har avslutats.</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Akt</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Fråga</translation>
    </message>
    <message>
        <source>Consensus</source>
        <translation>Konsensus</translation>
    </message>
    <message>
        <source>%1 unresolved disagreements, %2 decided shown. * has a comment (point at the row to read it).</source>
        <translation>%1 olösta oenigheter, %2 avgjorda visas. * har en kommentar (peka på raden för att läsa den).</translation>
    </message>
    <message>
        <source>Consensus recorded: %1, %2 = %3</source>
        <translation>Konsensus registrerad: %1, %2 = %3</translation>
    </message>
</context>
<context>
    <name>CompareTab</name>
    <message>
        <source>&lt;b&gt;Agreement per section&lt;/b&gt; (in 004 a section is a kontrollområde)</source>
        <translation>&lt;b&gt;Samstämmighet per avsnitt&lt;/b&gt; (i 004 ett kontrollområde)</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>Totalt</translation>
    </message>
    <message>
        <source>this audit</source>
        <translation>denna</translation>
    </message>
    <message>
        <source>compared with</source>
        <translation>jämförd</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Avsnitt</translation>
    </message>
    <message>
        <source>Units, %1</source>
        <translation>Enheter, %1</translation>
    </message>
    <message>
        <source>Kappa, %1</source>
        <translation>Kappa, %1</translation>
    </message>
    <message>
        <source>Alpha, %1</source>
        <translation>Alfa, %1</translation>
    </message>
    <message>
        <source>AC1, %1</source>
        <translation>AC1, %1</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Jämför</translation>
    </message>
    <message>
        <source>Comparing the audits…</source>
        <translation>Jämför granskningarna…</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Jämför med</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Fråga</translation>
    </message>
    <message>
        <source>(no other audit on this template)</source>
        <translation>(ingen annan granskning med denna mall)</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Besvarade</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>This audit</source>
        <translation>Denna granskning</translation>
    </message>
    <message>
        <source>Compared with</source>
        <translation>Jämförd med</translation>
    </message>
    <message>
        <source>Difference (pp)</source>
        <translation>Skillnad (procentenheter)</translation>
    </message>
    <message>
        <source>&lt;b&gt;This:&lt;/b&gt; %1 (%2 cases) &amp;nbsp; &lt;b&gt;Compared with:&lt;/b&gt; %3 (%4 cases)</source>
        <translation>&lt;b&gt;Denna:&lt;/b&gt; %1 (%2 akter) &amp;nbsp; &lt;b&gt;Jämförd med:&lt;/b&gt; %3 (%4 akter)</translation>
    </message>
    <message>
        <source>%1: agreement %2, kappa %3, alpha %4, AC1 %5 (%6 units)</source>
        <translation>%1: överensstämmelse %2, kappa %3, alfa %4, AC1 %5 (%6 enheter)</translation>
    </message>
    <message>
        <source>%1: n %2, mean %3, median %4</source>
        <translation>%1: n %2, medelvärde %3, median %4</translation>
    </message>
</context>
<context>
    <name>KeysPanel</name>
    <message>
        <source>Create key pair…</source>
        <translation>Skapa nyckelpar…</translation>
    </message>
    <message>
        <source>Save public key…</source>
        <translation>Spara publik nyckel…</translation>
    </message>
    <message>
        <source>Import a colleague's public key…</source>
        <translation>Importera en kollegas publika nyckel…</translation>
    </message>
    <message>
        <source>Your key</source>
        <translation>Din nyckel</translation>
    </message>
    <message>
        <source>Trusted colleagues</source>
        <translation>Betrodda kollegor</translation>
    </message>
    <message>
        <source>Create key pair</source>
        <translation>Skapa nyckelpar</translation>
    </message>
    <message>
        <source>Your name as colleagues know it</source>
        <translation>Ditt namn som kollegorna känner det</translation>
    </message>
    <message>
        <source>Passphrase (optional, protects the private key)</source>
        <translation>Lösenfras (valfri, skyddar den privata nyckeln)</translation>
    </message>
    <message>
        <source>Save public key</source>
        <translation>Spara publik nyckel</translation>
    </message>
    <message>
        <source>Public key (*.json)</source>
        <translation>Publik nyckel (*.json)</translation>
    </message>
    <message>
        <source>Import a colleague's public key</source>
        <translation>Importera en kollegas publika nyckel</translation>
    </message>
    <message>
        <source>Public key (*.json);;All files (*)</source>
        <translation>Publik nyckel (*.json);;Alla filer (*)</translation>
    </message>
    <message>
        <source>No key pair yet. Create one to send and receive packages.</source>
        <translation>Inget nyckelpar ännu. Skapa ett för att skicka och ta emot paket.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingeravtryck</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Publik nyckel</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Fingerprint: &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;Read it aloud to colleagues so they can compare it with the file you give them.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Fingeravtryck: &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;Läs upp det för kollegorna så att de kan jämföra det med filen du ger dem.</translation>
    </message>
    <message>
        <source>Key pair created: %1 (%2)</source>
        <translation>Nyckelpar skapat: %1 (%2)</translation>
    </message>
    <message>
        <source>Public key saved: %1 (%2)</source>
        <translation>Publik nyckel sparad: %1 (%2)</translation>
    </message>
    <message>
        <source>%1 is trusted: %2
Compare the fingerprint with %3 before sending packages.</source>
        <translation>%1 är betrodd: %2
Jämför fingeravtrycket med %3 innan ni skickar paket.</translation>
    </message>
    <message>
        <source>%1 was already trusted: %2</source>
        <translation>%1 var redan betrodd: %2</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
    <message>
        <source>Passphrase of your key</source>
        <translation>Lösenfrasen till din nyckel</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <source>My keys</source>
        <translation>Mina nycklar</translation>
    </message>
    <message>
        <source>Give your public key file to the team leader, and import the team leader's public key before opening their package. Compare the fingerprints in person or by phone.</source>
        <translation>Ge filen med din publika nyckel till teamledaren, och importera teamledarens publika nyckel innan du öppnar paketet. Jämför fingeravtrycken när ni träffas eller per telefon.</translation>
    </message>
</context>
<context>
    <name>ReviewerPackages</name>
    <message>
        <source>My keys…</source>
        <translation>Mina nycklar…</translation>
    </message>
    <message>
        <source>Create your key pair, save your public key for the team leader, import the team leader's key</source>
        <translation>Skapa ditt nyckelpar, spara din publika nyckel åt teamledaren, importera teamledarens nyckel</translation>
    </message>
    <message>
        <source>Open review package…</source>
        <translation>Öppna granskningspaket…</translation>
    </message>
    <message>
        <source>Open a package of cases the team leader sent you</source>
        <translation>Öppna ett paket med akter som teamledaren skickat dig</translation>
    </message>
    <message>
        <source>Send answers back…</source>
        <translation>Skicka tillbaka svar…</translation>
    </message>
    <message>
        <source>Write your answers in the selected audit to a package for the team leader</source>
        <translation>Skriv dina svar i den valda granskningen till ett paket för teamledaren</translation>
    </message>
    <message>
        <source>No key pair</source>
        <translation>Inget nyckelpar</translation>
    </message>
    <message>
        <source>Create your key pair under “My keys…” first and give your public key to the team leader.</source>
        <translation>Skapa först ditt nyckelpar under ”Mina nycklar…” och ge din publika nyckel till teamledaren.</translation>
    </message>
    <message>
        <source>Open review package</source>
        <translation>Öppna granskningspaket</translation>
    </message>
    <message>
        <source>Package (*.akt);;All files (*)</source>
        <translation>Paket (*.akt);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Checking and opening the package…</source>
        <translation>Kontrollerar och öppnar paketet…</translation>
    </message>
    <message>
        <source>Send answers back</source>
        <translation>Skicka tillbaka svar</translation>
    </message>
    <message>
        <source>Package (*.akt)</source>
        <translation>Paket (*.akt)</translation>
    </message>
    <message>
        <source>Writing the answers package…</source>
        <translation>Skriver svarspaketet…</translation>
    </message>
    <message>
        <source>%1: %2 answers for %3 cases, encrypted for %4</source>
        <translation>%1: %2 svar för %3 akter, krypterat för %4</translation>
    </message>
    <message>
        <source>%1 from %2: opened before; nothing changed.</source>
        <translation>%1 från %2: öppnat tidigare; inget ändrades.</translation>
    </message>
    <message>
        <source>%1 from %2: %3 cases added, %4 updated, %5 answers written.</source>
        <translation>%1 från %2: %3 akter tillagda, %4 uppdaterade, %5 svar skrivna.</translation>
    </message>
    <message>
        <source>Answer as the assigned reviewer</source>
        <translation>Svara som den tilldelade granskaren</translation>
    </message>
    <message>
        <source>Answers not sent</source>
        <translation>Svar som inte skickades</translation>
    </message>
    <message>
        <source>The package assigns the cases to reviewer “%1”, but you answer as “%2”. Answer as “%1” from now on? Only answers under “%1” are sent back.</source>
        <translation>Paketet tilldelar akterna granskaren ”%1”, men du svarar som ”%2”. Svara som ”%1” från och med nu? Bara svar under ”%1” skickas tillbaka.</translation>
    </message>
    <message>
        <source>The package holds only the answers of reviewer “%1”. Answers stored under other names were not sent: %2</source>
        <translation>Paketet innehåller bara granskaren ”%1”s svar. Svar sparade under andra namn skickades inte: %2</translation>
    </message>
    <message>
        <source>%1 answers you changed were changed by the team leader too; yours were kept.</source>
        <translation>%1 svar som du ändrat har även teamledaren ändrat; dina behölls.</translation>
    </message>
</context>
<context>
    <name>PackageRefusal</name>
    <message>
        <source>The file is larger than a package may be (50 MB). Ask the sender to split the cases over several packages.</source>
        <translation>Filen är större än ett paket får vara (50 MB). Be avsändaren dela upp akterna på flera paket.</translation>
    </message>
    <message>
        <source>The file is not a review package (.akt).</source>
        <translation>Filen är inte ett granskningspaket (.akt).</translation>
    </message>
    <message>
        <source>The package is incomplete: the file was cut short, perhaps while copying. Ask the sender for a new copy.</source>
        <translation>Paketet är ofullständigt: filen har klippts av, kanske vid kopieringen. Be avsändaren om en ny kopia.</translation>
    </message>
    <message>
        <source>The package is damaged. Ask the sender for a new copy.</source>
        <translation>Paketet är skadat. Be avsändaren om en ny kopia.</translation>
    </message>
    <message>
        <source>The package has been altered or damaged since it was made: its signature does not match the sender's key. Ask for a new copy.</source>
        <translation>Paketet har ändrats eller skadats efter att det skapades: signaturen stämmer inte med avsändarens nyckel. Be om en ny kopia.</translation>
    </message>
    <message>
        <source>The package cannot be decrypted with your key (altered, or encrypted for another key).</source>
        <translation>Paketet kan inte dekrypteras med din nyckel (det är ändrat eller krypterat för en annan nyckel).</translation>
    </message>
    <message>
        <source>The sender is not a trusted colleague. Import the sender's public key under “My keys…”, after comparing the fingerprint with them.</source>
        <translation>Avsändaren är ingen betrodd kollega. Importera avsändarens publika nyckel under ”Mina nycklar…”, efter att ni jämfört fingeravtrycket.</translation>
    </message>
    <message>
        <source>The package is encrypted for someone else. Ask the sender to make it for your public key.</source>
        <translation>Paketet är krypterat för någon annan. Be avsändaren göra det för din publika nyckel.</translation>
    </message>
    <message>
        <source>This is not a review package for a reviewer: the team leader imports answers packages under Colleague review.</source>
        <translation>Det här är inget granskningspaket till en granskare: svarspaket importerar teamledaren under Kollegial granskning.</translation>
    </message>
    <message>
        <source>The package was made by a newer version of the program. Update the program.</source>
        <translation>Paketet är gjort med en nyare version av programmet. Uppdatera programmet.</translation>
    </message>
    <message>
        <source>The package holds data that does not fit its template.</source>
        <translation>Paketet innehåller uppgifter som inte passar dess mall.</translation>
    </message>
    <message>
        <source>Another audit with the same name already exists here. Rename it before opening the package.</source>
        <translation>Det finns redan en annan granskning med samma namn här. Byt namn på den innan du öppnar paketet.</translation>
    </message>
    <message>
        <source>The audit here has another template than the package.</source>
        <translation>Granskningen här har en annan mall än paketet.</translation>
    </message>
    <message>
        <source>This copy is the team leader's for that reviewer; it cannot open the reviewer's package.</source>
        <translation>Det här är teamledarens kopia för den granskaren; den kan inte öppna granskarens paket.</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>Inget har sparats.</translation>
    </message>
    <message>
        <source>The package was refused.</source>
        <translation>Paketet godtogs inte.</translation>
    </message>
</context>
<context>
    <name>PackagesTab</name>
    <message>
        <source>The review phase has ended: assignments can no longer be sent. Reopen the review phase to send one.</source>
        <translation>Granskningsfasen är avslutad: uppdrag kan inte längre skickas. Öppna granskningsfasen igen för att skicka ett.</translation>
    </message>
    <message>
        <source>Import a package a reviewer sent back. Answers both sides changed are listed here as conflicts; your own are kept.</source>
        <translation>Importera ett paket som en granskare skickat tillbaka. Svar som ändrats på båda håll listas här som konflikter; dina egna behålls.</translation>
    </message>
    <message>
        <source>Create key pair…</source>
        <translation>Skapa nyckelpar…</translation>
    </message>
    <message>
        <source>Save public key…</source>
        <translation>Spara publik nyckel…</translation>
    </message>
    <message>
        <source>Import a colleague's public key…</source>
        <translation>Importera en kollegas publika nyckel…</translation>
    </message>
    <message>
        <source>Export assignment…</source>
        <translation>Exportera uppdrag…</translation>
    </message>
    <message>
        <source>Import answers package…</source>
        <translation>Importera svarspaket…</translation>
    </message>
    <message>
        <source>Your key</source>
        <translation>Din nyckel</translation>
    </message>
    <message>
        <source>Trusted colleagues</source>
        <translation>Betrodda kollegor</translation>
    </message>
    <message>
        <source>Send an assignment</source>
        <translation>Skicka ett uppdrag</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Granskare</translation>
    </message>
    <message>
        <source>Encrypt for</source>
        <translation>Kryptera för</translation>
    </message>
    <message>
        <source>Receive answers</source>
        <translation>Ta emot svar</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
    <message>
        <source>Passphrase of your key</source>
        <translation>Lösenfrasen till din nyckel</translation>
    </message>
    <message>
        <source>Create key pair</source>
        <translation>Skapa nyckelpar</translation>
    </message>
    <message>
        <source>Your name as colleagues know it</source>
        <translation>Ditt namn som kollegorna känner det</translation>
    </message>
    <message>
        <source>Passphrase (optional, protects the private key)</source>
        <translation>Lösenfras (valfri, skyddar den privata nyckeln)</translation>
    </message>
    <message>
        <source>Save public key</source>
        <translation>Spara publik nyckel</translation>
    </message>
    <message>
        <source>Public key (*.json)</source>
        <translation>Publik nyckel (*.json)</translation>
    </message>
    <message>
        <source>Import a colleague's public key</source>
        <translation>Importera en kollegas publika nyckel</translation>
    </message>
    <message>
        <source>Public key (*.json);;All files (*)</source>
        <translation>Publik nyckel (*.json);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Export assignment</source>
        <translation>Exportera uppdrag</translation>
    </message>
    <message>
        <source>Package (*.akt)</source>
        <translation>Paket (*.akt)</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>Skriver paketet…</translation>
    </message>
    <message>
        <source>Import answers package</source>
        <translation>Importera svarspaket</translation>
    </message>
    <message>
        <source>Package (*.akt);;All files (*)</source>
        <translation>Paket (*.akt);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Checking and importing the package…</source>
        <translation>Kontrollerar och importerar paketet…</translation>
    </message>
    <message>
        <source>No key pair yet. Create one to send and receive packages.</source>
        <translation>Inget nyckelpar ännu. Skapa ett för att skicka och ta emot paket.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingeravtryck</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Publik nyckel</translation>
    </message>
    <message>
        <source>%1 from %2: already imported before; nothing changed.</source>
        <translation>%1 från %2: redan importerat tidigare; inget ändrades.</translation>
    </message>
    <message>
        <source>%1 from %2: %3 answers written, %4 cleared, %5 kept (newer here), %6 conflicts.</source>
        <translation>%1 från %2: %3 svar skrivna, %4 rensade, %5 behållna (nyare här), %6 konflikter.</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Akt</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Fråga</translation>
    </message>
    <message>
        <source>Kept here</source>
        <translation>Behållet här</translation>
    </message>
    <message>
        <source>In the package</source>
        <translation>I paketet</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Fingerprint: &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;Read it aloud to colleagues so they can compare it with the file you give them.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Fingeravtryck: &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;Läs upp det för kollegorna så att de kan jämföra det med filen du ger dem.</translation>
    </message>
    <message>
        <source>Key pair created: %1 (%2)</source>
        <translation>Nyckelpar skapat: %1 (%2)</translation>
    </message>
    <message>
        <source>Public key saved: %1 (%2)</source>
        <translation>Publik nyckel sparad: %1 (%2)</translation>
    </message>
    <message>
        <source>%1: assignment for %2 (%3 cases, %4 answers) encrypted for %5</source>
        <translation>%1: uppdrag för %2 (%3 akter, %4 svar) krypterat för %5</translation>
    </message>
    <message>
        <source>%1 is trusted: %2
Compare the fingerprint with %3 before sending packages.</source>
        <translation>%1 är betrodd: %2
Jämför fingeravtrycket med %3 innan ni skickar paket.</translation>
    </message>
    <message>
        <source>%1 was already trusted: %2</source>
        <translation>%1 var redan betrodd: %2</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Review plan</source>
        <translation>Granskningsplan</translation>
    </message>
    <message>
        <source>Every included case is assigned to a reviewer. A share of the cases in each stratum is read by several reviewers, so their agreement can be measured. Assigning again with the same settings changes nothing; answers are never removed.</source>
        <translation>Varje ingående akt fördelas till en granskare. En andel av akterna i varje stratum läses av flera granskare, så att samstämmigheten kan mätas. Att fördela igen med samma inställningar ändrar ingenting; svar tas aldrig bort.</translation>
    </message>
    <message>
        <source>e.g. anna, bo, cilla</source>
        <translation>t.ex. anna, bo, cilla</translation>
    </message>
    <message>
        <source>100 % means every case is read by several reviewers</source>
        <translation>100 % betyder att varje akt läses av flera granskare</translation>
    </message>
    <message>
        <source>Write the seed down: the same seed draws the same cases</source>
        <translation>Anteckna fröet: samma frö drar samma akter</translation>
    </message>
    <message>
        <source>optional, e.g. unit</source>
        <translation>valfritt, t.ex. unit</translation>
    </message>
    <message>
        <source>Reviewers (comma-separated)</source>
        <translation>Granskare (kommaseparerade)</translation>
    </message>
    <message>
        <source>Double review share</source>
        <translation>Andel dubbelgranskning</translation>
    </message>
    <message>
        <source>Reviewers per double-reviewed case</source>
        <translation>Granskare per dubbelgranskad akt</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Frö</translation>
    </message>
    <message>
        <source>Stratify by case fields</source>
        <translation>Stratifiera efter aktfält</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Fördela</translation>
    </message>
</context>
<context>
    <name>ReconcileDialog</name>
    <message>
        <source>Required: why the team agreed on this answer (stored in the change log)</source>
        <translation>Krävs: varför teamet enades om detta svar (sparas i ändringsloggen)</translation>
    </message>
    <message>
        <source>Consensus answer</source>
        <translation>Konsensussvar</translation>
    </message>
    <message>
        <source>Rationale</source>
        <translation>Motivering</translation>
    </message>
    <message>
        <source>Record consensus</source>
        <translation>Registrera konsensus</translation>
    </message>
    <message>
        <source>Decide %1 – %2</source>
        <translation>Avgör %1 – %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Case %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Akt %2</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Granskare</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(välj)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Colleague review…</source>
        <translation>Kollegial granskning…</translation>
    </message>
    <message>
        <source>Colleague review</source>
        <translation>Kollegial granskning</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Hidden during the review phase</source>
        <translation>Dolt under granskningsfasen</translation>
    </message>
    <message>
        <source>The review phase has ended</source>
        <translation>Granskningsfasen är avslutad</translation>
    </message>
    <message>
        <source>The key cannot be used</source>
        <translation>Nyckeln kan inte användas</translation>
    </message>
    <message>
        <source>The package was not accepted</source>
        <translation>Paketet godtogs inte</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Encrypted database</source>
        <translation>Krypterad databas</translation>
    </message>
    <message>
        <source>Wrong passphrase or damaged database.</source>
        <translation>Fel lösenfras eller skadad databas.</translation>
    </message>
    <message>
        <source>Choose a passphrase for the new encrypted database.</source>
        <translation>Välj en lösenfras för den nya krypterade databasen.</translation>
    </message>
    <message>
        <source>The database is encrypted. Enter its passphrase.</source>
        <translation>Databasen är krypterad. Ange lösenfrasen.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Igen</translation>
    </message>
    <message>
        <source>The passphrases differ</source>
        <translation>Lösenfraserna skiljer sig åt</translation>
    </message>
</context>
<context>
    <name>StartupChecks</name>
    <message>
        <source>It was opened by %1 on %2 (process %3) at %4.</source>
        <translation>Den öppnades av %1 på %2 (process %3) %4.</translation>
    </message>
    <message>
        <source>The program is already open</source>
        <translation>Programmet är redan öppet</translation>
    </message>
    <message>
        <source>The audit database is already open in another window of the program. Close that window first: two windows must not change the same answers.</source>
        <translation>Granskningsdatabasen är redan öppen i ett annat fönster av programmet. Stäng det fönstret först: två fönster får inte ändra samma svar.</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>Databasen är skadad</translation>
    </message>
    <message>
        <source>The database %1 is damaged and there is no intact backup to restore. Nothing has been changed; contact your IT support and keep the file.</source>
        <translation>Databasen %1 är skadad och det finns ingen oskadad säkerhetskopia att återställa. Inget har ändrats; kontakta IT-supporten och spara filen.</translation>
    </message>
    <message>
        <source>The database %1 is damaged. The newest intact backup is from %2. Restore it? Changes made after %2 are lost; the damaged database is kept beside the restored one.</source>
        <translation>Databasen %1 är skadad. Den senaste oskadade säkerhetskopian är från %2. Vill du återställa den? Ändringar gjorda efter %2 går förlorade; den skadade databasen sparas bredvid den återställda.</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>Återställ säkerhetskopian</translation>
    </message>
    <message>
        <source>Restored the backup %1</source>
        <translation>Säkerhetskopian %1 är återställd</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>Återställer säkerhetskopian…</translation>
    </message>
</context>
<context>
    <name>BlindNotice</name>
    <message>
        <source>Until then each reviewer sees only their own answers; the team leader ends the phase on the Colleague review page.</source>
        <translation>Till dess ser varje granskare bara sina egna svar; teamledaren avslutar fasen på sidan Kollegial granskning.</translation>
    </message>
    <message>
        <source>The tables, charts and gender analysis are shown when the review phase has ended.</source>
        <translation>Tabellerna, diagrammen och jämställdhetsanalysen visas när granskningsfasen är avslutad.</translation>
    </message>
    <message>
        <source>The report is shown when the review phase has ended.</source>
        <translation>Rapporten visas när granskningsfasen är avslutad.</translation>
    </message>
</context>
</TS>
