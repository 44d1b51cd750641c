<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AlertsPage</name>
    <message numerus="yes">
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n alert</numerusform><numerusform>%n alerts</numerusform></translation>
    </message>
</context>
<context>
    <name>AppDetail</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform><numerusform>%n services</numerusform></translation>
    </message>
</context>
<context>
    <name>AppTreeModel</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform><numerusform>%n services</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n newer image(s)</source>
        <translation>
            <numerusform>%n newer image</numerusform><numerusform>%n newer images</numerusform></translation>
    </message>
</context>
<context>
    <name>AppsPage</name>
    <message numerus="yes">
        <source>%n app(s)</source>
        <translation>
            <numerusform>%n app</numerusform><numerusform>%n apps</numerusform></translation>
    </message>
</context>
<context>
    <name>CapacityPage</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform><numerusform>%n nodes</numerusform></translation>
    </message>
</context>
<context>
    <name>CleanupDialog</name>
    <message numerus="yes">
        <source>%n item(s) to remove</source>
        <translation>
            <numerusform>%n item to remove</numerusform><numerusform>%n items to remove</numerusform></translation>
    </message>
</context>
<context>
    <name>DeployDialog</name>
    <message numerus="yes">
        <source>%n service(s) will restart their tasks.</source>
        <translation>
            <numerusform>%n service will restart its tasks.</numerusform><numerusform>%n services will restart their tasks.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The file no longer lists %n service(s) of the app %1; they will be removed.</source>
        <translation>
            <numerusform>The file no longer lists %n service of the app %1; it will be removed.</numerusform><numerusform>The file no longer lists %n services of the app %1; they will be removed.</numerusform></translation>
    </message>
</context>
<context>
    <name>DiskPage</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform><numerusform>%n nodes</numerusform></translation>
    </message>
</context>
<context>
    <name>DrainDialog</name>
    <message numerus="yes">
        <source>%n service(s) move.</source>
        <translation>
            <numerusform>%n service move.</numerusform><numerusform>%n services move.</numerusform></translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform><numerusform>%n events</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation>
            <numerusform>Last %n minute</numerusform><numerusform>Last %n minutes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Last %n hour(s)</source>
        <translation>
            <numerusform>Last %n hour</numerusform><numerusform>Last %n hours</numerusform></translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message numerus="yes">
        <source>Exported %n line(s).</source>
        <translation>
            <numerusform>Exported %n line.</numerusform><numerusform>Exported %n lines.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform><numerusform>%n lines</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n retained</source>
        <translation>
            <numerusform>%n retained</numerusform><numerusform>%n retained</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n dropped (oldest first)</source>
        <translation>
            <numerusform>%n dropped (oldest first)</numerusform><numerusform>%n dropped (oldest first)</numerusform></translation>
    </message>
</context>
<context>
    <name>NetworksPage</name>
    <message numerus="yes">
        <source>%n network(s)</source>
        <translation>
            <numerusform>%n network</numerusform><numerusform>%n networks</numerusform></translation>
    </message>
</context>
<context>
    <name>NodeCharts</name>
    <message numerus="yes">
        <source>CPU % of %n CPU(s)</source>
        <translation>
            <numerusform>CPU % of %n CPU</numerusform><numerusform>CPU % of %n CPUs</numerusform></translation>
    </message>
</context>
<context>
    <name>NodeDetail</name>
    <message numerus="yes">
        <source>%n CPU(s)</source>
        <translation>
            <numerusform>%n CPU</numerusform><numerusform>%n CPUs</numerusform></translation>
    </message>
</context>
<context>
    <name>NodeMonitor</name>
    <message numerus="yes">
        <source>Reserved by its %n task(s): %1 of %2 CPUs and %3 of %4 of memory.</source>
        <translation>
            <numerusform>Reserved by its %n task: %1 of %2 CPUs and %3 of %4 of memory.</numerusform><numerusform>Reserved by its %n tasks: %1 of %2 CPUs and %3 of %4 of memory.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>In use now: %1 CPUs and %2 by %n container(s).</source>
        <translation>
            <numerusform>In use now: %1 CPUs and %2 by %n container.</numerusform><numerusform>In use now: %1 CPUs and %2 by %n containers.</numerusform></translation>
    </message>
</context>
<context>
    <name>NodesPage</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform><numerusform>%n nodes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) will move.</source>
        <translation>
            <numerusform>%n task will move.</numerusform><numerusform>%n tasks will move.</numerusform></translation>
    </message>
</context>
<context>
    <name>ObjectsPage</name>
    <message numerus="yes">
        <source>%n secret(s)</source>
        <translation>
            <numerusform>%n secret</numerusform><numerusform>%n secrets</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n config(s)</source>
        <translation>
            <numerusform>%n config</numerusform><numerusform>%n configs</numerusform></translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message numerus="yes">
        <source>%n ready</source>
        <translation>
            <numerusform>%n ready</numerusform><numerusform>%n ready</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n down</source>
        <translation>
            <numerusform>%n down</numerusform><numerusform>%n down</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n drained</source>
        <translation>
            <numerusform>%n drained</numerusform><numerusform>%n drained</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n paused</numerusform><numerusform>%n paused</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform><numerusform>%n nodes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform><numerusform>%n services</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n not converged</source>
        <translation>
            <numerusform>%n not converged</numerusform><numerusform>%n not converged</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n rollout(s) not done</source>
        <translation>
            <numerusform>%n rollout not done</numerusform><numerusform>%n rollouts not done</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) failed in the last 15 minutes</source>
        <translation>
            <numerusform>%n task failed in the last 15 minutes</numerusform><numerusform>%n tasks failed in the last 15 minutes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform><numerusform>%n days</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) not on the current CA</source>
        <translation>
            <numerusform>%n node not on the current CA</numerusform><numerusform>%n nodes not on the current CA</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>all %n node(s) on the current CA</source>
        <translation>
            <numerusform>all %n node on the current CA</numerusform><numerusform>all %n nodes on the current CA</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 expires on %2 (in %n day(s))</source>
        <translation>
            <numerusform>%1 expires on %2 (in %n day)</numerusform><numerusform>%1 expires on %2 (in %n days)</numerusform></translation>
    </message>
</context>
<context>
    <name>ServiceDetail</name>
    <message numerus="yes">
        <source>replicated job: %n completion(s)</source>
        <translation>
            <numerusform>replicated job: %n completion</numerusform><numerusform>replicated job: %n completions</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>replicated: %n task(s)</source>
        <translation>
            <numerusform>replicated: %n task</numerusform><numerusform>replicated: %n tasks</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Update: %1 — %2 of %n task(s) running the new spec</source>
        <translation>
            <numerusform>Update: %1 — %2 of %n task running the new spec</numerusform><numerusform>Update: %1 — %2 of %n tasks running the new spec</numerusform></translation>
    </message>
</context>
<context>
    <name>SwarmPage</name>
    <message numerus="yes">
        <source>%1 (in %n day(s))</source>
        <translation>
            <numerusform>%1 (in %n day)</numerusform><numerusform>%1 (in %n days)</numerusform></translation>
    </message>
</context>
<context>
    <name>ChartsWidget</name>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation>
            <numerusform>Last %n minute</numerusform><numerusform>Last %n minutes</numerusform></translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message numerus="yes">
        <source>%1 of %2 managers reachable: %n more can be lost</source>
        <translation>
            <numerusform>%1 of %2 managers reachable: %n more can be lost</numerusform><numerusform>%1 of %2 managers reachable: %n more can be lost</numerusform></translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message numerus="yes">
        <source>%1 · %n down</source>
        <translation>
            <numerusform>%1 · %n down</numerusform><numerusform>%1 · %n down</numerusform></translation>
    </message>
</context>
<context>
    <name>SwarmNodesModel</name>
    <message numerus="yes">
        <source>%1 (in %n day(s))</source>
        <translation>
            <numerusform>%1 (in %n day)</numerusform><numerusform>%1 (in %n days)</numerusform></translation>
    </message>
</context>
</TS>