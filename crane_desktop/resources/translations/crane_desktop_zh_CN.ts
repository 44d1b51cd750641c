<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddNodeDialog</name>
    <message>
        <source>Add node</source>
        <translation>添加节点</translation>
    </message>
    <message>
        <source>Or join a host's engine from here (TLS as in the profile)</source>
        <translation>或从这里让主机的引擎加入集群（TLS 同连接配置）</translation>
    </message>
    <message>
        <source>IP address or host name</source>
        <translation>IP 地址或主机名</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>工作节点</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>管理节点</translation>
    </message>
    <message>
        <source>Connect host after joining</source>
        <translation>加入后连接主机</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>The join tokens are not loaded yet.</source>
        <translation>加入令牌尚未加载。</translation>
    </message>
    <message>
        <source>Joining %1…</source>
        <translation>正在加入 %1…</translation>
    </message>
    <message>
        <source>%1 joined the swarm as node %2.</source>
        <translation>%1 已作为节点 %2 加入集群。</translation>
    </message>
</context>
<context>
    <name>AlertRulesDialog</name>
    <message>
        <source>Alert rules</source>
        <translation>告警规则</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <source>cleared</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>告警中</translation>
    </message>
    <message>
        <source>Cleared at %1</source>
        <translation>恢复于 %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Mark the selected alerts as seen: they no longer count</source>
        <translation>将选中的告警标记为已查看：不再计入数量</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>规则…</translation>
    </message>
    <message>
        <source>Filter alerts (rule, object, message, state…)</source>
        <translation>筛选告警（规则、对象、消息、状态…）</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n 条告警</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click an alert to open its node or service</source>
        <translation>双击告警可打开对应的节点或服务</translation>
    </message>
    <message>
        <source>No alerts. The rules watch nodes, services, rollouts, quorum and the certificate.</source>
        <translation>暂无告警。规则会监视节点、服务、更新、法定人数和证书。</translation>
    </message>
    <message>
        <source>Alert rules saved with the profile %1.</source>
        <translation>告警规则已保存到配置 %1。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Cannot connect</source>
        <translation>无法连接</translation>
    </message>
</context>
<context>
    <name>AppActions</name>
    <message>
        <source>Services: %1</source>
        <translation>服务：%1</translation>
    </message>
    <message>
        <source>Networks: %1</source>
        <translation>网络：%1</translation>
    </message>
    <message>
        <source>Secrets: %1</source>
        <translation>密钥：%1</translation>
    </message>
    <message>
        <source>Configs: %1</source>
        <translation>配置：%1</translation>
    </message>
    <message>
        <source>Service: %1</source>
        <translation>服务：%1</translation>
    </message>
    <message>
        <source>Delete app</source>
        <translation>删除应用</translation>
    </message>
    <message>
        <source>Delete the app %1 and everything it created? This cannot be undone.</source>
        <translation>删除应用 %1 及其创建的一切？删除后不能恢复。</translation>
    </message>
    <message>
        <source>Cannot delete the app</source>
        <translation>无法删除应用</translation>
    </message>
    <message>
        <source>The app %1 was deleted.</source>
        <translation>应用 %1 已删除。</translation>
    </message>
    <message>
        <source>Cannot export the app</source>
        <translation>无法导出应用</translation>
    </message>
    <message>
        <source>Export %1 as a compose file</source>
        <translation>将 %1 导出为 compose 文件</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1, and beside it the configs' files: %2.</source>
        <translation>已保存 %1，配置文件保存在同一目录：%2。</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
</context>
<context>
    <name>AppDetail</name>
    <message>
        <source>Update…</source>
        <translation>更新…</translation>
    </message>
    <message>
        <source>Change task counts…</source>
        <translation>修改任务数…</translation>
    </message>
    <message>
        <source>Export as compose file…</source>
        <translation>导出为 compose 文件…</translation>
    </message>
    <message>
        <source>Pull and redeploy newer images…</source>
        <translation>拉取新镜像并重新部署…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>实时监控</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n 个服务</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tasks running</source>
        <translation>运行中的任务 %1</translation>
    </message>
    <message>
        <source>last update %1</source>
        <translation>最近更新 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (deleted)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（已删除）</translation>
    </message>
    <message>
        <source>Newer images in the registry: %1</source>
        <translation>镜像仓库中有新镜像：%1</translation>
    </message>
    <message>
        <source>Every service runs the image its tag has in the registry (or it was not checked).</source>
        <translation>每个服务运行的都是其镜像标签在镜像仓库中当前对应的镜像（或尚未检查）。</translation>
    </message>
    <message>
        <source>Every service of this app is global: one task per node, nothing to scale.</source>
        <translation>该应用的服务都是全局服务：每个节点一个任务，没有可修改的任务数。</translation>
    </message>
</context>
<context>
    <name>AppTreeModel</name>
    <message>
        <source>updating</source>
        <translation>更新中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>rolling back</source>
        <translation>回滚中</translation>
    </message>
    <message>
        <source>rollback paused</source>
        <translation>回滚已暂停</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>已回滚</translation>
    </message>
    <message>
        <source>%1 (host)</source>
        <translation>%1（主机）</translation>
    </message>
    <message>
        <source>replicated job</source>
        <translation>副本作业</translation>
    </message>
    <message>
        <source>global job</source>
        <translation>全局作业</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Services / image</source>
        <translation>服务 / 镜像</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Published ports</source>
        <translation>发布端口</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>最近更新</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>replicated</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>Image updates</source>
        <translation>镜像更新</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n 个服务</numerusform>
        </translation>
    </message>
    <message>
        <source>(%1/%2 completed)</source>
        <translation>（已完成 %1/%2）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>newer image</source>
        <translation>有新镜像</translation>
    </message>
    <message numerus="yes">
        <source>%n newer image(s)</source>
        <translation>
            <numerusform>%n 个新镜像</numerusform>
        </translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <source>%1 is now %2 in the registry; the service runs %3.</source>
        <translation>%1 在镜像仓库中现为 %2；服务运行的是 %3。</translation>
    </message>
    <message>
        <source>A service deployed outside any app (stack)</source>
        <translation>不属于任何应用（stack）的服务</translation>
    </message>
</context>
<context>
    <name>AppsPage</name>
    <message>
        <source>Deploy app…</source>
        <translation>发布应用…</translation>
    </message>
    <message>
        <source>Delete app</source>
        <translation>删除应用</translation>
    </message>
    <message>
        <source>Filter apps and services (name, image, port…)</source>
        <translation>筛选应用和服务（名称、镜像、端口…）</translation>
    </message>
    <message numerus="yes">
        <source>%n app(s)</source>
        <translation>
            <numerusform>%n 个应用</numerusform>
        </translation>
    </message>
    <message>
        <source>No apps yet. Deploy one from a compose file or a single image.</source>
        <translation>还没有应用。可以从 compose 文件或单个镜像发布应用。</translation>
    </message>
    <message>
        <source>Open service</source>
        <translation>打开服务</translation>
    </message>
    <message>
        <source>Open app</source>
        <translation>应用详情</translation>
    </message>
    <message>
        <source>Update app…</source>
        <translation>更新应用…</translation>
    </message>
    <message>
        <source>Export as compose file…</source>
        <translation>导出为 compose 文件…</translation>
    </message>
    <message>
        <source>Pull and redeploy…</source>
        <translation>拉取并重新部署…</translation>
    </message>
    <message>
        <source>Check for newer images</source>
        <translation>检查新镜像</translation>
    </message>
    <message>
        <source>%1 is one of the %2 services of the app %3; they were deployed together and depend on each other, so a single service is not deleted alone. Delete the whole app, or deploy the app again without this service.</source>
        <translation>%1 是应用 %3 的 %2 个服务之一；这些服务一起发布、相互依赖，因此不能单独删除其中一个服务。请删除整个应用，或者去掉该服务后重新发布应用。</translation>
    </message>
</context>
<context>
    <name>AutolockBox</name>
    <message>
        <source>Autolock</source>
        <translation>自动锁定</translation>
    </message>
    <message>
        <source>Autolock:</source>
        <translation>自动锁定：</translation>
    </message>
    <message>
        <source>hidden: Show or Copy reads it</source>
        <translation>已隐藏：点击“显示”或“复制”读取</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Rotate key…</source>
        <translation>轮换密钥…</translation>
    </message>
    <message>
        <source>Unlock key:</source>
        <translation>解锁密钥：</translation>
    </message>
    <message>
        <source>SWMKEY-1-…</source>
        <translation>SWMKEY-1-…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Unlock a locked manager:</source>
        <translation>解锁已锁定的管理节点：</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Turn autolock off…</source>
        <translation>关闭自动锁定…</translation>
    </message>
    <message>
        <source>Turn autolock on…</source>
        <translation>开启自动锁定…</translation>
    </message>
    <message>
        <source>Locked: %1. Give the unlock key and select the manager to unlock.</source>
        <translation>已锁定：%1。请输入解锁密钥并选择要解锁的管理节点。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Turn autolock on? A manager whose engine restarts then stays locked until it is given the unlock key: keep the key somewhere safe.</source>
        <translation>开启自动锁定？此后引擎重启的管理节点将保持锁定，直到提供解锁密钥：请妥善保管密钥。</translation>
    </message>
    <message>
        <source>Turn autolock off? Restarted managers then no longer need the unlock key.</source>
        <translation>关闭自动锁定？此后重启的管理节点不再需要解锁密钥。</translation>
    </message>
    <message>
        <source>Turn on</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The unlock key was copied.</source>
        <translation>解锁密钥已复制。</translation>
    </message>
    <message>
        <source>Make a new unlock key? The current one stops working once every manager took the new one.</source>
        <translation>生成新的解锁密钥？所有管理节点采用新密钥后，当前密钥将失效。</translation>
    </message>
    <message>
        <source>Rotate unlock key</source>
        <translation>轮换解锁密钥</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>轮换</translation>
    </message>
    <message>
        <source>A new unlock key was made: keep it somewhere safe.</source>
        <translation>已生成新的解锁密钥：请妥善保管。</translation>
    </message>
    <message>
        <source>The swarm was changed meanwhile, so nothing was done; it was read again: try again.</source>
        <translation>集群在此期间已被修改，因此未执行任何操作；已重新读取：请重试。</translation>
    </message>
    <message>
        <source>Select the locked manager to unlock in the table below.</source>
        <translation>请在下表中选择要解锁的已锁定管理节点。</translation>
    </message>
    <message>
        <source>Give the unlock key.</source>
        <translation>请输入解锁密钥。</translation>
    </message>
    <message>
        <source>%1 was unlocked.</source>
        <translation>%1 已解锁。</translation>
    </message>
</context>
<context>
    <name>CapacityPage</name>
    <message>
        <source>Live usage</source>
        <translation>实时用量</translation>
    </message>
    <message>
        <source>Measure what the containers use now, through each node's own engine, every %1 seconds (nodes Crane cannot reach show —)</source>
        <translation>每 %1 秒通过各节点自己的引擎测量容器当前的用量（Crane 无法连接的节点显示 —）</translation>
    </message>
    <message>
        <source>Filter nodes (hostname, status…)</source>
        <translation>筛选节点（主机名、状态…）</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>Reserved: what the tasks placed on a node and wanted running reserve; swarm places a new task only where its reservation fits in what is free. Limits cap what a task may use and reserve nothing. The thin bar under each bar is what is in use now (Live usage).</source>
        <translation>已预留：分配到节点且应运行的任务所预留的资源；集群只会把新任务放到剩余资源足以满足其预留的节点上。限制只约束任务最多能用多少，不预留资源。每个条形下方的细条是当前用量（实时用量）。</translation>
    </message>
    <message>
        <source>Cannot measure usage: %1</source>
        <translation>无法测量用量：%1</translation>
    </message>
</context>
<context>
    <name>CapacityTableModel</name>
    <message>
        <source>Cluster total</source>
        <translation>集群合计</translation>
    </message>
    <message>
        <source>{reserved} of {total} CPUs ({percent})</source>
        <translation>{reserved} / {total} 个 CPU（{percent}）</translation>
    </message>
    <message>
        <source>{reserved} of {total} ({percent})</source>
        <translation>{reserved} / {total}（{percent}）</translation>
    </message>
    <message>
        <source>CPU reserved: {text}</source>
        <translation>CPU 已预留：{text}</translation>
    </message>
    <message>
        <source>Memory reserved: {text}</source>
        <translation>内存已预留：{text}</translation>
    </message>
    <message>
        <source>In use now: {cpus} CPUs, {memory} ({count} containers)</source>
        <translation>当前用量：{cpus} 个 CPU，{memory}（{count} 个容器）</translation>
    </message>
    <message>
        <source>CPU free</source>
        <translation>CPU 剩余</translation>
    </message>
    <message>
        <source>CPU limits</source>
        <translation>CPU 限制</translation>
    </message>
    <message>
        <source>Memory free</source>
        <translation>内存剩余</translation>
    </message>
    <message>
        <source>Memory limits</source>
        <translation>内存限制</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>CPU reserved</source>
        <translation>CPU 已预留</translation>
    </message>
    <message>
        <source>Memory reserved</source>
        <translation>内存已预留</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>CPU in use</source>
        <translation>CPU 用量</translation>
    </message>
    <message>
        <source>Memory in use</source>
        <translation>内存用量</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Network rx / tx per second</source>
        <translation>网络 IO 每秒接收 / 发送</translation>
    </message>
    <message>
        <source>Block I/O read / write per second</source>
        <translation>磁盘 IO 每秒读 / 写</translation>
    </message>
</context>
<context>
    <name>ChartsWidget</name>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation><numerusform>最近 %n 分钟</numerusform></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source> read</source>
        <translation> 读</translation>
    </message>
    <message>
        <source> write</source>
        <translation> 写</translation>
    </message>
    <message>
        <source>Showing the %1 busiest of %2 tasks and the total; hover for every task.</source>
        <translation>显示 %2 个任务中最繁忙的 %1 个及合计；鼠标悬停可查看每个任务。</translation>
    </message>
    <message>
        <source>Export samples</source>
        <translation>导出采样数据</translation>
    </message>
</context>
<context>
    <name>CleanupDialog</name>
    <message>
        <source>stopped container</source>
        <translation>已停止的容器</translation>
    </message>
    <message>
        <source>dangling image (no tag)</source>
        <translation>悬空镜像（无标签）</translation>
    </message>
    <message>
        <source>image no container uses</source>
        <translation>没有容器使用的镜像</translation>
    </message>
    <message>
        <source>volume no container uses</source>
        <translation>没有容器使用的存储卷</translation>
    </message>
    <message>
        <source>build cache no build uses</source>
        <translation>没有构建使用的构建缓存</translation>
    </message>
    <message>
        <source>image of service %1</source>
        <translation>服务 %1 当前的镜像</translation>
    </message>
    <message>
        <source>rollback target of service %1</source>
        <translation>服务 %1 的回滚目标</translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>已固定</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>存储卷</translation>
    </message>
    <message>
        <source>Build cache</source>
        <translation>构建缓存</translation>
    </message>
    <message>
        <source>Clean up nodes</source>
        <translation>清理节点</translation>
    </message>
    <message>
        <source>Nodes: %1</source>
        <translation>节点：%1</translation>
    </message>
    <message>
        <source>Also remove volumes no container uses (their data is lost)</source>
        <translation>同时删除没有容器使用的存储卷（其中的数据将丢失）</translation>
    </message>
    <message>
        <source>registry:5000/shop/web:1.4
(one image per line)</source>
        <translation>registry:5000/shop/web:1.4
（每行一个镜像）</translation>
    </message>
    <message>
        <source>Pinned images (always kept)</source>
        <translation>固定的镜像（始终保留）</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>预演</translation>
    </message>
    <message>
        <source>Clean up…</source>
        <translation>清理…</translation>
    </message>
    <message>
        <source>Cannot prepare the cleanup</source>
        <translation>无法准备清理</translation>
    </message>
    <message>
        <source>Not reachable: %1</source>
        <translation>无法连接：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) to remove</source>
        <translation>
            <numerusform>%n 项待删除</numerusform>
        </translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Dry run: %1 item(s) would go, %2 freed at most. Nothing was removed yet.</source>
        <translation>预演：将删除 %1 项，最多释放 %2。尚未删除任何内容。</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>…… 另有 %1 项</translation>
    </message>
    <message>
        <source>Remove these %1 item(s) from %2 node(s)? This cannot be undone.</source>
        <translation>从 %2 个节点删除这 %1 项？删除后不能恢复。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Cannot clean up</source>
        <translation>无法清理</translation>
    </message>
    <message>
        <source>%1: not reachable (%2)</source>
        <translation>%1：无法连接（%2）</translation>
    </message>
    <message>
        <source>%1: freed %2, %3 item(s) removed</source>
        <translation>%1：释放 %2，删除 %3 项</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 项被拒绝：%2</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 kept since the dry run: %2</source>
        <translation>%1 项自预演后被保留：%2</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <source>Type a name or id prefix: node, service, task, network…</source>
        <translation>输入名称或 ID 前缀：节点、服务、任务、网络…</translation>
    </message>
</context>
<context>
    <name>ComposeTab</name>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Compose files:</source>
        <translation>Compose 文件：</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Merged in order, as docker stack deploy -c a.yml -c b.yml (relative paths from the first file's folder), read from disk at each Check and Deploy; without a file, the text below is deployed. Variables come from Crane Desktop's environment: .env is not read, as with docker stack deploy.</source>
        <translation>按顺序合并，与 docker stack deploy -c a.yml -c b.yml 相同（相对路径以第一个文件所在的文件夹为准），每次检查和发布时从磁盘读取；没有文件时，发布下方输入的文本。变量取自 Crane Desktop 的环境：不读取 .env 文件，与 docker stack deploy 相同。</translation>
    </message>
    <message>
        <source>Warnings (accepted, as docker accepts them; Deploy is possible; click one to see its line):</source>
        <translation>警告（与 docker 一样接受；仍可发布；点击一条查看所在行）：</translation>
    </message>
    <message>
        <source>Add compose files</source>
        <translation>添加 Compose 文件</translation>
    </message>
    <message>
        <source>Compose files (*.yml *.yaml)</source>
        <translation>Compose 文件 (*.yml *.yaml)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>The file is valid. Not connected: the external networks, secrets and configs it uses are checked once connected.</source>
        <translation>文件有效。未连接：文件使用的外部网络、密钥和配置将在连接后检查。</translation>
    </message>
    <message>
        <source>Cannot check</source>
        <translation>无法检查</translation>
    </message>
    <message>
        <source>The file is valid.</source>
        <translation>文件有效。</translation>
    </message>
    <message>
        <source>%1, line %2, %3: %4</source>
        <translation>%1，第 %2 行，%3：%4</translation>
    </message>
    <message>
        <source>Line %1, %2: %3</source>
        <translation>第 %1 行，%2：%3</translation>
    </message>
    <message>
        <source>Show this line</source>
        <translation>显示这一行</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a swarm</source>
        <translation>连接到集群</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>新建配置</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>连接配置</translation>
    </message>
    <message>
        <source>TLS (mutual, recommended)</source>
        <translation>TLS（双向认证，推荐）</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>客户端私钥</translation>
    </message>
    <message>
        <source>Verify the engine's certificate</source>
        <translation>校验引擎的证书</translation>
    </message>
    <message>
        <source>Allow plain tcp:// without TLS to a remote host (anyone on the network can control it)</source>
        <translation>允许不加密的 tcp:// 连接远程主机（网络上的任何人都能控制它）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Manager endpoints
(one per line)</source>
        <translation>管理节点地址
（每行一个）</translation>
    </message>
    <message>
        <source>From environment</source>
        <translation>从环境变量导入</translation>
    </message>
    <message>
        <source>Import context</source>
        <translation>导入 context</translation>
    </message>
    <message>
        <source>Try a demo swarm</source>
        <translation>试用演示集群</translation>
    </message>
    <message>
        <source>Start a 4-node test swarm with TLS on this machine (Docker is installed if missing)</source>
        <translation>在本机启动一个启用 TLS 的 4 节点测试集群（缺少 Docker 时会自动安装）</translation>
    </message>
    <message>
        <source>Docker context:</source>
        <translation>Docker context：</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理建议</translation>
    </message>
    <message>
        <source>Initialise a swarm here…</source>
        <translation>在此初始化集群…</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>删除连接配置</translation>
    </message>
    <message>
        <source>Delete the profile “%1”?</source>
        <translation>删除连接配置“%1”？</translation>
    </message>
    <message>
        <source>DOCKER_HOST is not set in this environment.</source>
        <translation>当前环境没有设置 DOCKER_HOST。</translation>
    </message>
    <message>
        <source>No docker context found.</source>
        <translation>没有找到 docker context。</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>引擎可达</translation>
    </message>
    <message>
        <source>api</source>
        <translation>API 版本</translation>
    </message>
    <message>
        <source>swarm</source>
        <translation>集群模式</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>管理节点</translation>
    </message>
    <message>
        <source>clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>ca-cert</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>client-cert</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>server-cert</source>
        <translation>服务端证书</translation>
    </message>
    <message>
        <source>key-mode</source>
        <translation>私钥权限</translation>
    </message>
    <message>
        <source>Initialise a swarm</source>
        <translation>初始化集群</translation>
    </message>
    <message>
        <source>Make the engine at %1 the first manager of a new swarm?</source>
        <translation>将 %1 上的引擎设为新集群的第一个管理节点？</translation>
    </message>
    <message>
        <source>Initialise</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Starting the demo swarm; the first time takes a few minutes…</source>
        <translation>正在启动演示集群；第一次需要几分钟…</translation>
    </message>
    <message>
        <source>The demo swarm did not start: %1</source>
        <translation>演示集群未能启动：%1</translation>
    </message>
</context>
<context>
    <name>ConnectHostDialog</name>
    <message>
        <source>Connect host %1</source>
        <translation>连接主机 %1</translation>
    </message>
    <message>
        <source>IP address or host name</source>
        <translation>IP 地址或主机名</translation>
    </message>
    <message>
        <source>TLS as in the profile (CA, client certificate and key)</source>
        <translation>TLS 同连接配置（CA、客户端证书和密钥）</translation>
    </message>
    <message>
        <source>No TLS (the profile has none)</source>
        <translation>不使用 TLS（连接配置中没有）</translation>
    </message>
    <message>
        <source>Other TLS files for this node</source>
        <translation>此节点使用其他 TLS 文件</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>客户端私钥</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>TLS:</source>
        <translation>TLS：</translation>
    </message>
    <message>
        <source>The engine there must report the same swarm node id; the address is then stored on the node as the label %1.</source>
        <translation>该地址上的引擎必须报告相同的集群节点 ID；之后地址会作为标签 %1 保存在节点上。</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>electing a leader</source>
        <translation>正在选举主管理节点</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>正在重连</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>Connecting to {profile}…</source>
        <translation>正在连接 {profile}…</translation>
    </message>
    <message>
        <source>The swarm is electing a leader; the tables show the last known state.</source>
        <translation>集群正在选举主管理节点；表格显示的是最后已知的状态。</translation>
    </message>
    <message>
        <source>Connection lost; reconnecting (attempt {attempt}). The tables show the last known state.</source>
        <translation>连接已断开，正在重连（第 {attempt} 次）。表格显示的是最后已知的状态。</translation>
    </message>
    <message>
        <source>Disconnected.</source>
        <translation>已断开。</translation>
    </message>
</context>
<context>
    <name>ContainerCharts</name>
    <message>
        <source>The stats stream ended.</source>
        <translation>统计数据流已结束。</translation>
    </message>
</context>
<context>
    <name>ContainerDetail</name>
    <message>
        <source>Connect host…</source>
        <translation>连接主机…</translation>
    </message>
    <message>
        <source>Give the engine address of this container's node</source>
        <translation>填写该容器所在节点的引擎地址</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>配置项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Last 100 lines</source>
        <translation>最后 100 行</translation>
    </message>
    <message>
        <source>Last 1,000 lines</source>
        <translation>最后 1,000 行</translation>
    </message>
    <message>
        <source>Last 10,000 lines</source>
        <translation>最后 10,000 行</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>全部行</translation>
    </message>
    <message>
        <source>From the start</source>
        <translation>从头开始</translation>
    </message>
    <message>
        <source>Since 5 minutes ago</source>
        <translation>最近 5 分钟</translation>
    </message>
    <message>
        <source>Since 1 hour ago</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Since 24 hours ago</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>All changes</source>
        <translation>所有变更</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Filter paths</source>
        <translation>筛选路径</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>实时监控</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Image digest</source>
        <translation>镜像摘要</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>启动命令</translation>
    </message>
    <message>
        <source>Entrypoint</source>
        <translation>入口点</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>主机名</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状态</translation>
    </message>
    <message>
        <source>no health check</source>
        <translation>没有健康检查</translation>
    </message>
    <message>
        <source>Restart count</source>
        <translation>重启次数</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>启动时间</translation>
    </message>
    <message>
        <source>General</source>
        <translation>基础信息</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>Click to show the value</source>
        <translation>点击显示值</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口映射</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>网络配置</translation>
    </message>
    <message>
        <source>IP %1 · gateway %2 · MAC %3</source>
        <translation>IP %1 · 网关 %2 · MAC %3</translation>
    </message>
    <message>
        <source>volume</source>
        <translation>存储卷</translation>
    </message>
    <message>
        <source>bind mount</source>
        <translation>绑定挂载</translation>
    </message>
    <message>
        <source>Mounts</source>
        <translation>存储卷</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 (read-only)</source>
        <translation>%1：%2（只读）</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>容器标签</translation>
    </message>
</context>
<context>
    <name>ContentDialog</name>
    <message>
        <source>Content of %1</source>
        <translation>%1 的内容</translation>
    </message>
</context>
<context>
    <name>ContinuousDeploymentTab</name>
    <message>
        <source>Put this command in a CI pipeline after the image is pushed: it updates only the image of the service, follows the rolling update, and exits with 0 when it completes, or non-zero with the reason when it fails, pauses or rolls back. Set TAG to the new image tag.</source>
        <translation>在 CI 流水线推送镜像之后执行此命令：它只更新服务的镜像，跟踪滚动更新，完成时以 0 退出；失败、暂停或回滚时以非零退出并说明原因。请把 TAG 设为新镜像的标签。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Save as script…</source>
        <translation>保存为脚本…</translation>
    </message>
    <message>
        <source>With only the docker CLI on the runner</source>
        <translation>运行器上只有 docker 命令行时</translation>
    </message>
    <message>
        <source>The same image update with docker itself: it passes the registry login on to the nodes and waits until the rolling update is over.</source>
        <translation>用 docker 本身完成同样的镜像更新：它把镜像仓库的登录信息传给各节点，并等待滚动更新结束。</translation>
    </message>
    <message>
        <source>Giving the CI runner the client certificate</source>
        <translation>为 CI 运行器提供客户端证书</translation>
    </message>
    <message>
        <source>Before it can work: (1) every node that runs the service can pull %1, so the registry's address must be reachable from the nodes, not only from the runner; (2) the CI runner reaches a manager's engine at %2 with the client certificate.</source>
        <translation>使用前提：（1）运行该服务的每个节点都能拉取 %1，因此镜像仓库的地址必须能从各节点访问，而不仅是从运行器访问；（2）CI 运行器能用客户端证书访问 %2 上的管理节点引擎。</translation>
    </message>
    <message>
        <source>The runner needs the CA certificate, the client certificate and its key (the files of this profile, shown above by path). Store them as protected secret files of the CI system (for example GitLab's File variables, GitHub's encrypted secrets written to files), never in the repository, and pass their paths with the flags above. Or, as for the docker CLI, put them in one directory as ca.pem, cert.pem and key.pem and set the variables below; the command then needs no connection flags. Prefer a client certificate made for CI only, so it can be revoked on its own.</source>
        <translation>运行器需要 CA 证书、客户端证书及其私钥（即此配置所用的文件，上面只显示路径）。请把它们存为 CI 系统受保护的机密文件（例如 GitLab 的 File 类型变量、写入文件的 GitHub 加密机密），切勿放入代码仓库，并用上面的参数传入路径。也可以像 docker 命令行那样，把它们以 ca.pem、cert.pem、key.pem 放在同一目录并设置下面的环境变量，这样命令就不需要连接参数。建议为 CI 单独签发客户端证书，以便单独吊销。</translation>
    </message>
    <message>
        <source>Command copied.</source>
        <translation>命令已复制。</translation>
    </message>
    <message>
        <source>Save the deploy script</source>
        <translation>保存部署脚本</translation>
    </message>
</context>
<context>
    <name>CopyField</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Crane Desktop hit an unexpected error. It keeps running; what you were doing may not have finished.</source>
        <translation>Crane Desktop 遇到了意外错误。程序仍在运行，但你刚才的操作可能没有完成。</translation>
    </message>
    <message>
        <source>The details are in the log file. Please include them when you report it.</source>
        <translation>详细信息已写入日志文件。报告问题时请附上它们。</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>CreateDialog</name>
    <message>
        <source>Create secret</source>
        <translation>创建密钥</translation>
    </message>
    <message>
        <source>Create config</source>
        <translation>创建配置</translation>
    </message>
    <message>
        <source>key=value, one a line</source>
        <translation>键=值，每行一个</translation>
    </message>
    <message>
        <source>Templated (golang): placeholders such as {{.Service.Name}}</source>
        <translation>模板（golang）：可用 {{.Service.Name}} 等占位符</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>%1 created.</source>
        <translation>已创建 %1。</translation>
    </message>
</context>
<context>
    <name>DataInput</name>
    <message>
        <source>Type the content, or choose a file</source>
        <translation>输入内容，或选择文件</translation>
    </message>
    <message>
        <source>From file…</source>
        <translation>从文件…</translation>
    </message>
    <message>
        <source>Type instead</source>
        <translation>改为输入</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 字节）</translation>
    </message>
</context>
<context>
    <name>DeployDialog</name>
    <message>
        <source>Line %1, %2: %3</source>
        <translation>第 %1 行，%2：%3</translation>
    </message>
    <message>
        <source>The variable %1 is not set: an empty value is used in its place, as docker does.</source>
        <translation>变量 %1 未设置：与 docker 一样，以空值代替。</translation>
    </message>
    <message>
        <source>“%1” is ignored: docker stack deploy does not use this option.</source>
        <translation>“%1”被忽略：docker stack deploy 不使用此选项。</translation>
    </message>
    <message>
        <source>“%1” is ignored by docker stack deploy: %2</source>
        <translation>“%1”被 docker stack deploy 忽略：%2</translation>
    </message>
    <message>
        <source>Update %1</source>
        <translation>更新 %1</translation>
    </message>
    <message>
        <source>Update the app %1</source>
        <translation>更新应用 %1</translation>
    </message>
    <message>
        <source>Deploy an app</source>
        <translation>发布应用</translation>
    </message>
    <message>
        <source>shop</source>
        <translation>shop</translation>
    </message>
    <message>
        <source>Remove the app's services the file no longer lists (--prune)</source>
        <translation>删除文件中已不再列出的应用服务（--prune）</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>App name:</source>
        <translation>应用名称：</translation>
    </message>
    <message>
        <source>Deploying a compose file under this name updates the app: the services it lists are updated or created; the app's services it no longer lists stay unless you choose to remove them.</source>
        <translation>以此名称部署 compose 文件会更新该应用：文件列出的服务将被更新或创建；文件不再列出的应用服务会保留，除非选择删除它们。</translation>
    </message>
    <message>
        <source>Compose file</source>
        <translation>Compose 文件</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>Cannot change: the engine keeps a service's mode and endpoint mode (and its name) for its whole life; deploy a new service instead.</source>
        <translation>不可修改：服务的模式和端点模式（以及名称）在其整个生命周期内保持不变；如需更改请发布一个新服务。</translation>
    </message>
    <message>
        <source>The network mode cannot be changed on update: remove the service and deploy it again to use other networks.</source>
        <translation>网络模式不可更改：如需使用其他网络，请删除该服务后重新发布。</translation>
    </message>
    <message>
        <source>Correct the fields marked in red to see what the update changes.</source>
        <translation>请先改正标红的字段，再查看本次更新的变更。</translation>
    </message>
    <message>
        <source>Update the app %1 as the file says?</source>
        <translation>按文件内容更新应用 %1？</translation>
    </message>
    <message>
        <source>Nothing changes: every service already runs as the file says.</source>
        <translation>没有任何变更：每个服务都已按文件内容运行。</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s) will restart their tasks.</source>
        <translation>
            <numerusform>%n 个服务将重启其任务。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file no longer lists %n service(s) of the app %1; they will be removed.</source>
        <translation>
            <numerusform>文件已不再列出应用 %1 的 %n 个服务，它们将被删除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Update the app</source>
        <translation>更新应用</translation>
    </message>
    <message>
        <source>Deploy and remove</source>
        <translation>部署并删除</translation>
    </message>
    <message>
        <source>The app %1 was deployed.</source>
        <translation>应用 %1 已发布。</translation>
    </message>
    <message>
        <source>Correct the fields marked in red.</source>
        <translation>请修改标红的字段。</translation>
    </message>
    <message>
        <source>The service %1 is being updated.</source>
        <translation>服务 %1 正在更新。</translation>
    </message>
    <message>
        <source>The service %1 was created.</source>
        <translation>服务 %1 已创建。</translation>
    </message>
    <message>
        <source>Sending to the swarm…</source>
        <translation>正在提交到集群…</translation>
    </message>
    <message>
        <source>Cannot deploy</source>
        <translation>无法发布</translation>
    </message>
</context>
<context>
    <name>DiskPage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Ask every node's own engine again (docker system df)</source>
        <translation>重新询问每个节点自己的引擎（docker system df）</translation>
    </message>
    <message>
        <source>Clean up…</source>
        <translation>清理…</translation>
    </message>
    <message>
        <source>See what a cleanup of the selected nodes (none selected: all) would remove, then do it</source>
        <translation>查看清理所选节点（未选择时为全部节点）将删除的内容，然后执行清理</translation>
    </message>
    <message>
        <source>Filter nodes (hostname…)</source>
        <translation>筛选节点（主机名…）</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>Each node's own engine is asked, as docker system df on that node. Reclaimable: what stopped containers, images no container uses, unused volumes and unused build cache hold. A cleanup keeps every service's current and previous image (its rollback target).</source>
        <translation>数据来自每个节点自己的引擎，与在该节点上执行 docker system df 相同。可回收：已停止的容器、没有容器使用的镜像、未使用的存储卷和未使用的构建缓存所占的空间。清理会保留每个服务当前和上一版本的镜像（其回滚目标）。</translation>
    </message>
    <message>
        <source>Cannot read the disk usage: %1</source>
        <translation>无法读取磁盘占用：%1</translation>
    </message>
</context>
<context>
    <name>DiskTableModel</name>
    <message>
        <source>Cluster total</source>
        <translation>集群合计</translation>
    </message>
    <message>
        <source>Not reachable: %1</source>
        <translation>无法连接：%1</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>存储卷</translation>
    </message>
    <message>
        <source>Build cache</source>
        <translation>构建缓存</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Images size</source>
        <translation>镜像大小</translation>
    </message>
    <message>
        <source>Containers size</source>
        <translation>容器大小</translation>
    </message>
    <message>
        <source>Volumes size</source>
        <translation>存储卷大小</translation>
    </message>
    <message>
        <source>Reclaimable</source>
        <translation>可回收</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>DrainDialog</name>
    <message>
        <source>Drain without downtime…</source>
        <translation>无中断停止调度…</translation>
    </message>
    <message>
        <source>Start the node's tasks on other nodes first, then drain it (shows the plan first)</source>
        <translation>先在其他节点上启动该节点的任务，再停止调度（先显示计划）</translation>
    </message>
    <message>
        <source>Drain %1 without downtime</source>
        <translation>无中断停止调度 %1</translation>
    </message>
    <message>
        <source>%1 is paused first (it keeps its tasks but takes no new ones). Then, service after service, replacements of its tasks start on other nodes and its tasks stop only once they run. Last, %1 is drained.</source>
        <translation>先对 %1 暂停调度（保留其任务，但不再接收新任务）。然后逐个服务在其他节点上启动替代任务，替代任务运行后才停止 %1 上的任务。最后对 %1 停止调度。</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Tasks on the node</source>
        <translation>该节点上的任务</translation>
    </message>
    <message>
        <source>Where they go</source>
        <translation>迁往</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Drain without downtime</source>
        <translation>无中断停止调度</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cannot move: %1</source>
        <translation>无法迁移：%1</translation>
    </message>
    <message>
        <source>Refused: the other nodes cannot take every task (see the services above). Free room or loosen the constraints, or drain it plainly (with downtime).</source>
        <translation>已拒绝：其他节点无法接收所有任务（见上方各服务）。请腾出资源或放宽约束，或直接停止调度（会有中断）。</translation>
    </message>
    <message>
        <source>No replicated task runs on %1: it is drained at once.</source>
        <translation>%1 上没有运行副本任务：将立即停止调度。</translation>
    </message>
    <message numerus="yes">
        <source>%n service(s) move.</source>
        <translation>
            <numerusform>%n 个服务将迁移。</numerusform>
        </translation>
    </message>
    <message>
        <source>Drain %1 this way?</source>
        <translation>以此方式对 %1 停止调度？</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Draining %1…</source>
        <translation>正在对 %1 停止调度…</translation>
    </message>
    <message>
        <source>Stopping: putting the current service and the node back…</source>
        <translation>正在停止：恢复当前服务和节点…</translation>
    </message>
    <message>
        <source>%1 is paused: it takes no new tasks.</source>
        <translation>%1 已暂停调度：不再接收新任务。</translation>
    </message>
    <message>
        <source>%1 is drained.</source>
        <translation>%1 已停止调度。</translation>
    </message>
    <message>
        <source>%1 has its availability from before again.</source>
        <translation>%1 已恢复原来的可用性。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Moving: %1 moved</source>
        <translation>迁移中：已迁移 %1</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>已迁移</translation>
    </message>
    <message>
        <source>Failed (%1 moved): %2</source>
        <translation>失败（已迁移 %1）：%2</translation>
    </message>
    <message>
        <source>Stopped: %1 moved, the rest stay on %2</source>
        <translation>已停止：已迁移 %1，其余仍在 %2 上</translation>
    </message>
    <message>
        <source>The temporary constraint %1 could not be removed from: %2. Remove it yourself.</source>
        <translation>无法从以下服务删除临时约束 %1：%2。请手动删除。</translation>
    </message>
    <message>
        <source>No temporary constraint is left on any service.</source>
        <translation>所有服务上均未留下临时约束。</translation>
    </message>
    <message>
        <source>%1 is drained; its replicated tasks run on other nodes.</source>
        <translation>%1 已停止调度；其副本任务在其他节点上运行。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>%1 is %2 again (as before).</source>
        <translation>%1 已恢复为%2（与之前相同）。</translation>
    </message>
    <message>
        <source>Moved to other nodes: %1.</source>
        <translation>已迁移到其他节点：%1。</translation>
    </message>
    <message>
        <source>%1: %2 of %3 tasks moved, the others still run on %4.</source>
        <translation>%1：%3 个任务中已迁移 %2 个，其余仍在 %4 上运行。</translation>
    </message>
</context>
<context>
    <name>EngineTerms</name>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>restarting</source>
        <translation>重启中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>removing</source>
        <translation>删除中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>已失效</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>unhealthy</source>
        <translation>不健康</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>已失效</translation>
    </message>
    <message>
        <source>Removal In Progress</source>
        <translation>删除中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>health: starting</source>
        <translation>健康检查启动中</translation>
    </message>
    <message>
        <source>Less than a second</source>
        <translation>不到 1 秒</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <source>About a minute</source>
        <translation>约 1 分钟</translation>
    </message>
    <message>
        <source>About an hour</source>
        <translation>约 1 小时</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>未启用</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>vip</source>
        <translation>虚拟 IP</translation>
    </message>
    <message>
        <source>dnsrr</source>
        <translation>DNS 轮询</translation>
    </message>
    <message>
        <source>any</source>
        <translation>总是</translation>
    </message>
    <message>
        <source>on-failure</source>
        <translation>失败时</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不重启</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>rollback</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>stop-first</source>
        <translation>先停止后启动</translation>
    </message>
    <message>
        <source>start-first</source>
        <translation>先启动后停止</translation>
    </message>
    <message>
        <source>secret</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>config</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>可达</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>不可达</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>已回滚</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
</context>
<context>
    <name>EntryPointsTab</name>
    <message>
        <source>host (nodes running a task)</source>
        <translation>host（运行任务的节点）</translation>
    </message>
    <message>
        <source>ingress (routing mesh, every node)</source>
        <translation>ingress（路由网格，所有节点）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Published port</source>
        <translation>发布端口</translation>
    </message>
    <message>
        <source>Target port</source>
        <translation>容器端口</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>nginx</source>
        <translation>nginx</translation>
    </message>
    <message>
        <source>HAProxy</source>
        <translation>HAProxy</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>TCP ports are HTTP</source>
        <translation>TCP 端口按 HTTP 处理</translation>
    </message>
    <message>
        <source>TCP ports are plain TCP</source>
        <translation>TCP 端口按普通 TCP 处理</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Load balancer configuration:</source>
        <translation>负载均衡配置：</translation>
    </message>
    <message>
        <source>The service no longer exists.</source>
        <translation>该服务已不存在。</translation>
    </message>
    <message>
        <source>%1 publishes no port: it is reached only from other services on its networks.</source>
        <translation>%1 没有发布端口：只能被同一网络中的其他服务访问。</translation>
    </message>
    <message>
        <source>Addresses at which %1 is reached from outside the swarm. Ingress ports answer on every node (the routing mesh); host-mode ports only on the nodes running one of its tasks.</source>
        <translation>从集群外部访问 %1 的地址。ingress 端口在每个节点上都可访问（路由网格）；host 模式端口只在运行其任务的节点上可访问。</translation>
    </message>
    <message>
        <source>Configuration copied.</source>
        <translation>配置已复制。</translation>
    </message>
    <message>
        <source>Save the configuration</source>
        <translation>保存配置</translation>
    </message>
</context>
<context>
    <name>EventsModel</name>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <source>die</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>oom</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>kill</source>
        <translation>终止</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>destroy</source>
        <translation>销毁</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>unpause</source>
        <translation>取消暂停</translation>
    </message>
    <message>
        <source>rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <source>health_status: %1</source>
        <translation>健康检查：%1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the rows shown as JSON lines</source>
        <translation>将显示的行保存为 JSON Lines 文件</translation>
    </message>
    <message>
        <source>Filter events (object, action, details…)</source>
        <translation>筛选事件（对象、动作、详情…）</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>No events seen yet: what happens in the cluster shows here as it happens.</source>
        <translation>尚无事件：集群中发生的变化会在发生时显示在这里。</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation>
            <numerusform>最近 %n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last %n hour(s)</source>
        <translation>
            <numerusform>最近 %n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>All services</source>
        <translation>全部服务</translation>
    </message>
    <message>
        <source>All nodes</source>
        <translation>全部节点</translation>
    </message>
    <message>
        <source>Cannot read the recent events: %1</source>
        <translation>无法读取最近的事件：%1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>New events are kept and shown on Resume</source>
        <translation>新事件会被保留，点击“继续”后显示</translation>
    </message>
    <message>
        <source>Export events</source>
        <translation>导出事件</translation>
    </message>
</context>
<context>
    <name>FormTab</name>
    <message>
        <source>App (optional)</source>
        <translation>应用（可选）</translation>
    </message>
    <message>
        <source>empty: a service of its own</source>
        <translation>留空：独立的服务</translation>
    </message>
    <message>
        <source>Service name</source>
        <translation>服务名称</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Command (entrypoint)</source>
        <translation>命令（entrypoint）</translation>
    </message>
    <message>
        <source>empty: the image's</source>
        <translation>留空：使用镜像自带的</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>replicated</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>replicated job</source>
        <translation>副本作业</translation>
    </message>
    <message>
        <source>global job</source>
        <translation>全局作业</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>1 (a replicated job: the completions)</source>
        <translation>1（副本作业：需完成的任务数）</translation>
    </message>
    <message>
        <source>Max concurrent (jobs)</source>
        <translation>最大并发数（作业）</translation>
    </message>
    <message>
        <source>empty: all at once</source>
        <translation>留空：全部同时运行</translation>
    </message>
    <message>
        <source>Endpoint mode</source>
        <translation>端点模式</translation>
    </message>
    <message>
        <source>virtual IP</source>
        <translation>虚拟 IP</translation>
    </message>
    <message>
        <source>DNS round robin</source>
        <translation>DNS 轮询</translation>
    </message>
    <message>
        <source>Port mapping</source>
        <translation>端口映射</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Mounts</source>
        <translation>存储卷</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Add a secret of the swarm…</source>
        <translation>添加集群中的密钥…</translation>
    </message>
    <message>
        <source>Configs</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>One a line: the name of one of the swarm's, or source=name,target=path,uid=0,gid=0,mode=0440 (target: a path, or a file name under /run/secrets/ for a secret and / for a config; mode in octal). A line with file=PATH makes a new one from that file of this computer; add template_driver=golang for a template such as {{.Service.Name}}.</source>
        <translation>每行一项：集群中已有对象的名称，或 source=name,target=path,uid=0,gid=0,mode=0440（target 为路径，或文件名：密钥放在 /run/secrets/ 下，配置放在 / 下；mode 为八进制）。带 file=路径 的一行用本机的该文件新建一个；模板（例如 {{.Service.Name}}）再加 template_driver=golang。</translation>
    </message>
    <message>
        <source>Add a config of the swarm…</source>
        <translation>添加集群中的配置…</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>CPU 限制</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>内存限制</translation>
    </message>
    <message>
        <source>CPU reservation</source>
        <translation>CPU 预留</translation>
    </message>
    <message>
        <source>Memory reservation</source>
        <translation>内存预留</translation>
    </message>
    <message>
        <source>Placement constraints</source>
        <translation>调度约束</translation>
    </message>
    <message>
        <source>Add a constraint from the cluster's node labels…</source>
        <translation>从集群的节点标签添加约束…</translation>
    </message>
    <message>
        <source>any</source>
        <translation>总是</translation>
    </message>
    <message>
        <source>on failure</source>
        <translation>失败时</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不重启</translation>
    </message>
    <message>
        <source>0: no limit</source>
        <translation>0：不限</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>stop first</source>
        <translation>先停止后启动</translation>
    </message>
    <message>
        <source>start first</source>
        <translation>先启动后停止</translation>
    </message>
    <message>
        <source>Show compose text</source>
        <translation>显示 compose 文本</translation>
    </message>
    <message>
        <source>(one per line)</source>
        <translation>（每行一项）</translation>
    </message>
    <message>
        <source>%1 (%2 template)</source>
        <translation>%1（%2 模板）</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
</context>
<context>
    <name>HostTables</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态说明</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>驱动</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>子网</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签（tag）</translation>
    </message>
    <message>
        <source>&lt;none&gt;</source>
        <translation>&lt;无&gt;</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建命令</translation>
    </message>
</context>
<context>
    <name>ImageActions</name>
    <message>
        <source>%1: %2 — runs %3, the registry has %4</source>
        <translation>%1：%2 — 运行 %3，镜像仓库中为 %4</translation>
    </message>
    <message>
        <source>Pull and redeploy %1? Each service is pinned to the image its tag has in the registry now and updated following its update policy (its tasks are replaced); the nodes pull the image with the registry's credentials.</source>
        <translation>拉取并重新部署 %1？每个服务固定到其镜像标签在镜像仓库中当前对应的镜像，并按其更新策略更新（其任务会被替换）；各节点使用镜像仓库的登录信息拉取镜像。</translation>
    </message>
    <message>
        <source>Pull and redeploy</source>
        <translation>拉取并重新部署</translation>
    </message>
    <message>
        <source>Cannot redeploy with the newer image</source>
        <translation>无法使用新镜像重新部署</translation>
    </message>
    <message>
        <source>Redeploying %1 with the newer image.</source>
        <translation>正在使用新镜像重新部署 %1。</translation>
    </message>
    <message>
        <source>%1 already runs the registry's image.</source>
        <translation>%1 运行的已是镜像仓库中的镜像。</translation>
    </message>
</context>
<context>
    <name>ImagesPane</name>
    <message>
        <source>History…</source>
        <translation>分层历史…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Layer history</source>
        <translation>分层历史</translation>
    </message>
    <message>
        <source>Layers of %1</source>
        <translation>%1 的分层</translation>
    </message>
    <message>
        <source>Remove the image %1 from %2?</source>
        <translation>从 %2 删除镜像 %1？</translation>
    </message>
    <message>
        <source>Remove image</source>
        <translation>删除镜像</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Image not removed</source>
        <translation>镜像未删除</translation>
    </message>
</context>
<context>
    <name>InfoPane</name>
    <message>
        <source>Docker version</source>
        <translation>Docker 版本</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>内核</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>CPUs</source>
        <translation>CPU 数</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Storage driver</source>
        <translation>存储驱动</translation>
    </message>
    <message>
        <source>Cgroup driver</source>
        <translation>Cgroup 驱动</translation>
    </message>
    <message>
        <source>Logging driver</source>
        <translation>日志驱动</translation>
    </message>
    <message>
        <source>Root directory</source>
        <translation>根目录</translation>
    </message>
    <message>
        <source>System time</source>
        <translation>系统时间</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>in step with this workstation</source>
        <translation>与本机时间一致</translation>
    </message>
    <message>
        <source>%1 s ahead of this workstation</source>
        <translation>比本机快 %1 秒</translation>
    </message>
    <message>
        <source>%1 s behind this workstation</source>
        <translation>比本机慢 %1 秒</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 running, %2 paused, %3 stopped (%4 in all)</source>
        <translation>运行中 %1 个，已暂停 %2 个，已停止 %3 个（共 %4 个）</translation>
    </message>
</context>
<context>
    <name>JoinTokens</name>
    <message>
        <source>Run on the new host</source>
        <translation>在新主机上运行</translation>
    </message>
    <message>
        <source>Rotate worker token…</source>
        <translation>轮换工作节点令牌…</translation>
    </message>
    <message>
        <source>Rotate manager token…</source>
        <translation>轮换管理节点令牌…</translation>
    </message>
    <message>
        <source>As a worker:</source>
        <translation>作为工作节点：</translation>
    </message>
    <message>
        <source>As a manager:</source>
        <translation>作为管理节点：</translation>
    </message>
    <message>
        <source>Make a new worker join token? The current one stops working for new nodes.</source>
        <translation>生成新的工作节点加入令牌？当前令牌将无法再用于加入新节点。</translation>
    </message>
    <message>
        <source>Make a new manager join token? The current one stops working for new nodes.</source>
        <translation>生成新的管理节点加入令牌？当前令牌将无法再用于加入新节点。</translation>
    </message>
    <message>
        <source>Rotate join token</source>
        <translation>轮换加入令牌</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>轮换</translation>
    </message>
    <message>
        <source>A new join token was made.</source>
        <translation>已生成新的加入令牌。</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <source>Labels of %1</source>
        <translation>%1 的标签</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Read the node's current labels again (your edits are lost)</source>
        <translation>重新读取节点当前的标签（您的修改将丢失）</translation>
    </message>
    <message>
        <source>Placement constraints use these labels (node.labels.KEY).</source>
        <translation>调度约束使用这些标签（node.labels.KEY）。</translation>
    </message>
    <message>
        <source>The key “%1” appears twice.</source>
        <translation>键“%1”出现了两次。</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>The labels were changed by someone else since this editor opened; nothing was saved. Reload to see them, then apply your change again.</source>
        <translation>打开编辑器后标签已被他人修改；未保存任何内容。请重新加载查看，然后再次应用您的修改。</translation>
    </message>
</context>
<context>
    <name>LabelsEditDialog</name>
    <message>
        <source>Labels of %1</source>
        <translation>%1 的标签</translation>
    </message>
    <message>
        <source>key=value, one a line</source>
        <translation>键=值，每行一个</translation>
    </message>
</context>
<context>
    <name>LogCanvas</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Only matching lines</source>
        <translation>只显示匹配的行</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>所有级别</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>信息及以上</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>所有任务</translation>
    </message>
    <message>
        <source>Timestamps</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export shown lines…</source>
        <translation>导出显示的行…</translation>
    </message>
    <message>
        <source>Export all retained lines…</source>
        <translation>导出保留的全部行…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Not a valid regular expression</source>
        <translation>不是有效的正则表达式</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Export logs</source>
        <translation>导出日志</translation>
    </message>
    <message>
        <source>Text (*.txt);;JSON lines (*.jsonl)</source>
        <translation>文本 (*.txt);;JSON 行 (*.jsonl)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n line(s).</source>
        <translation>
            <numerusform>已导出 %n 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n retained</source>
        <translation>
            <numerusform>保留 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dropped (oldest first)</source>
        <translation>
            <numerusform>已丢弃 %n 行（最旧的先丢弃）</numerusform>
        </translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>The log stream of %1 ended.</source>
        <translation>%1 的日志流已结束。</translation>
    </message>
    <message>
        <source>The log stream ended.</source>
        <translation>日志流已结束。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Crane Desktop</source>
        <translation>Crane Desktop</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>集群(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>连接(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;New window</source>
        <translation>新建窗口(&amp;N)</translation>
    </message>
    <message>
        <source>Open another window, to watch another cluster beside this one</source>
        <translation>打开另一个窗口，同时查看另一个集群</translation>
    </message>
    <message>
        <source>&amp;Registries…</source>
        <translation>镜像仓库(&amp;R)…</translation>
    </message>
    <message>
        <source>The private registries whose logins deploys send to the swarm</source>
        <translation>私有镜像仓库：部署时把其登录信息发送给集群</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Desktop &amp;notifications</source>
        <translation>桌面通知(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Command &amp;palette…</source>
        <translation>命令面板(&amp;P)…</translation>
    </message>
    <message>
        <source>Jump to any node, app, service, task or network (Ctrl+K)</source>
        <translation>跳转到任意节点、应用、服务、任务或网络（Ctrl+K）</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Tell me when an alert starts (the rules of the Alerts page) while I look elsewhere</source>
        <translation>在我查看其他窗口时，有告警触发（告警页面的规则）就通知我</translation>
    </message>
    <message>
        <source>The language changes when Crane Desktop starts again.</source>
        <translation>语言将在 Crane Desktop 重新启动后生效。</translation>
    </message>
    <message>
        <source>Connect to a cluster first: the registries belong to its profile.</source>
        <translation>请先连接一个集群：镜像仓库属于其连接配置。</translation>
    </message>
    <message>
        <source>The manager %1 stopped answering; now connected through %2.</source>
        <translation>管理节点 %1 不再响应；现已通过 %2 连接。</translation>
    </message>
    <message>
        <source>%1 - Crane Desktop</source>
        <translation>%1 - Crane Desktop</translation>
    </message>
</context>
<context>
    <name>NetworkDialog</name>
    <message>
        <source>Recreate network %1</source>
        <translation>重建网络 %1</translation>
    </message>
    <message>
        <source>Create network</source>
        <translation>创建网络</translation>
    </message>
    <message>
        <source>e.g. shop-backend</source>
        <translation>例如 shop-backend</translation>
    </message>
    <message>
        <source>e.g. 172.20.0.0/16 (empty: chosen by the swarm)</source>
        <translation>例如 172.20.0.0/16（留空则由集群分配）</translation>
    </message>
    <message>
        <source>e.g. 172.20.10.1</source>
        <translation>例如 172.20.10.1</translation>
    </message>
    <message>
        <source>e.g. 172.20.10.0/24 (usable .1 to .254)</source>
        <translation>例如 172.20.10.0/24（可用 .1 到 .254）</translation>
    </message>
    <message>
        <source>Internal network: no traffic leaves the cluster</source>
        <translation>内部网络：流量不离开集群</translation>
    </message>
    <message>
        <source>Attachable: standalone containers may join it too (docker run --network)</source>
        <translation>可附加：独立容器也可以加入（docker run --network）</translation>
    </message>
    <message>
        <source>key=value, one per line</source>
        <translation>键=值，每行一个</translation>
    </message>
    <message>
        <source>Network name</source>
        <translation>网络名称</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>子网</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>IP range</source>
        <translation>IP 范围</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>An overlay network connects the services attached to it across all nodes of the swarm, isolated from the others. Settings cannot be changed later: recreate the network instead.</source>
        <translation>overlay 网络跨集群所有节点连接加入它的服务，并与其他服务隔离。设置创建后不能修改，只能重建网络。</translation>
    </message>
    <message>
        <source>Delete and recreate</source>
        <translation>删除并重建</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Recreate network</source>
        <translation>重建网络</translation>
    </message>
    <message>
        <source>Delete the network %1 and create it again with these settings?</source>
        <translation>删除网络 %1 并按这些设置重新创建？</translation>
    </message>
</context>
<context>
    <name>NetworkPicker</name>
    <message>
        <source>By name</source>
        <translation>按名称</translation>
    </message>
    <message>
        <source>By label</source>
        <translation>按标签</translation>
    </message>
    <message>
        <source>key=value, or key for any value</source>
        <translation>键=值，或只写键（匹配任意值）</translation>
    </message>
    <message>
        <source>Type or choose a label.</source>
        <translation>输入或选择一个标签。</translation>
    </message>
    <message>
        <source>Networks with this label: %1</source>
        <translation>带此标签的网络：%1</translation>
    </message>
    <message>
        <source>No network has this label.</source>
        <translation>没有网络带此标签。</translation>
    </message>
</context>
<context>
    <name>NetworkTableModel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>{name} (built in)</source>
        <translation>{name}（内置）</translation>
    </message>
    <message>
        <source>Internal: its containers reach only the cluster; docker_gwbridge gives them no way out.</source>
        <translation>内部网络：其容器只能访问集群内部；docker_gwbridge 不为它们提供对外出口。</translation>
    </message>
    <message>
        <source>Its containers reach the outside world through docker_gwbridge on their node.</source>
        <translation>其容器通过所在节点上的 docker_gwbridge 访问外部网络。</translation>
    </message>
    <message>
        <source>ingress: the routing mesh for published ports. Every service that publishes a port in ingress mode joins it, even when it also has networks of its own.</source>
        <translation>ingress：发布端口的路由网格（routing mesh）。以 ingress 模式发布端口的服务都会加入它，即使服务另有自己的网络。</translation>
    </message>
    <message>
        <source>docker_gwbridge: a bridge created on each node through which the containers of overlay networks that are not internal reach the outside world (an internal network has no way out).</source>
        <translation>docker_gwbridge：每个节点上创建的网桥，非内部的 overlay 网络的容器经由它访问外部网络（内部网络没有对外出口）。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>驱动</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>子网</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>IP range</source>
        <translation>IP 范围</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>内部网络</translation>
    </message>
    <message>
        <source>Attachable</source>
        <translation>可附加</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
</context>
<context>
    <name>NetworksPage</name>
    <message>
        <source>Create network…</source>
        <translation>创建网络…</translation>
    </message>
    <message>
        <source>Recreate…</source>
        <translation>重建…</translation>
    </message>
    <message>
        <source>Networks cannot be edited: delete this one and create it again, with its settings filled in</source>
        <translation>网络不能修改：删除此网络后按原有设置重新创建（设置已预先填好）</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Filter networks (name, subnet, label, service…)</source>
        <translation>筛选网络（名称、子网、标签、服务…）</translation>
    </message>
    <message>
        <source>Built-in networks (cannot be deleted):</source>
        <translation>内置网络（不能删除）：</translation>
    </message>
    <message>
        <source>Create overlay networks of your own to isolate apps from each other: only the services attached to the same network reach each other.</source>
        <translation>创建自己的 overlay 网络以隔离各个应用：只有连接到同一网络的服务才能互相访问。</translation>
    </message>
    <message numerus="yes">
        <source>%n network(s)</source>
        <translation>
            <numerusform>%n 个网络</numerusform>
        </translation>
    </message>
    <message>
        <source>No networks yet. Create an overlay network to connect an app's services.</source>
        <translation>还没有网络。创建一个 overlay 网络，把应用的服务连接起来。</translation>
    </message>
    <message>
        <source>%1 is built in and cannot be deleted.</source>
        <translation>%1 是内置网络，不能删除。</translation>
    </message>
    <message>
        <source>Delete the selected network</source>
        <translation>删除选中的网络</translation>
    </message>
    <message>
        <source>Cannot read the network</source>
        <translation>无法读取网络</translation>
    </message>
    <message>
        <source>Network %1 created.</source>
        <translation>网络 %1 已创建。</translation>
    </message>
    <message>
        <source>Cannot delete the network</source>
        <translation>无法删除网络</translation>
    </message>
    <message>
        <source>Delete network</source>
        <translation>删除网络</translation>
    </message>
    <message>
        <source>Delete the network %1? This cannot be undone.</source>
        <translation>删除网络 %1？此操作不能恢复。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Network %1 deleted.</source>
        <translation>网络 %1 已删除。</translation>
    </message>
</context>
<context>
    <name>NodeCharts</name>
    <message numerus="yes">
        <source>CPU % of %n CPU(s)</source>
        <translation>
            <numerusform>CPU %（共 %n 个 CPU）</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>Memory of %1</source>
        <translation>内存（共 %1）</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>限制</translation>
    </message>
</context>
<context>
    <name>NodeDetail</name>
    <message>
        <source>Connect host…</source>
        <translation>连接主机…</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>实时监控</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>存储卷</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — no longer in the swarm</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — 已不在集群中</translation>
    </message>
    <message numerus="yes">
        <source>%n CPU(s)</source>
        <translation>
            <numerusform>%n 个 CPU</numerusform>
        </translation>
    </message>
    <message>
        <source>Docker %1</source>
        <translation>Docker %1</translation>
    </message>
    <message>
        <source>engine address not known</source>
        <translation>引擎地址未知</translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation>节点 ID</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>可用性</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Manager reachability</source>
        <translation>管理节点可达性</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Swarm</source>
        <translation>集群</translation>
    </message>
</context>
<context>
    <name>NodeMonitor</name>
    <message>
        <source>Not connected: live usage is measured through the cluster's connection.</source>
        <translation>未连接：实时用量需要通过集群连接测量。</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>The engine address of %1 is not known, so what its containers use cannot be measured. Use “Connect host” to give it.</source>
        <translation>%1 的引擎地址未知，无法测量其容器的用量。请使用“连接主机”填写地址。</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>无法访问：%1</translation>
    </message>
    <message numerus="yes">
        <source>Reserved by its %n task(s): %1 of %2 CPUs and %3 of %4 of memory.</source>
        <translation>
            <numerusform>该节点的 %n 个任务预留了 %1 / %2 个 CPU、%3 / %4 内存。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 CPU</source>
        <translation>%1 个 CPU</translation>
    </message>
    <message>
        <source>Their limits: %1.</source>
        <translation>这些任务的限制：%1。</translation>
    </message>
    <message numerus="yes">
        <source>In use now: %1 CPUs and %2 by %n container(s).</source>
        <translation>
            <numerusform>当前用量：%n 个容器共用 %1 个 CPU、%2 内存。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NodeTableModel</name>
    <message>
        <source>manager</source>
        <translation>管理节点</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>工作节点</translation>
    </message>
    <message>
        <source>manager (leader)</source>
        <translation>主管理节点</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常调度</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>暂停调度</translation>
    </message>
    <message>
        <source>drained</source>
        <translation>停止调度</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>down</source>
        <translation>下线</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>节点 ID</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>主机名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>可用性</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎版本</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>添加时间</translation>
    </message>
</context>
<context>
    <name>NodesPage</name>
    <message>
        <source>Filter nodes (hostname, role, label, address…)</source>
        <translation>筛选节点（主机名、角色、标签、地址…）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show the node's detail</source>
        <translation>查看节点详情</translation>
    </message>
    <message>
        <source>Drain</source>
        <translation>停止调度</translation>
    </message>
    <message>
        <source>Drain: stop scheduling: its running tasks move to other nodes</source>
        <translation>停止调度：其运行中的任务迁移到其他节点</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停调度</translation>
    </message>
    <message>
        <source>Pause: no new tasks; running ones stay</source>
        <translation>暂停调度：不再接收新任务；运行中的任务保留</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>恢复调度</translation>
    </message>
    <message>
        <source>Activate: normal scheduling</source>
        <translation>恢复调度：正常调度</translation>
    </message>
    <message>
        <source>Labels…</source>
        <translation>编辑标签…</translation>
    </message>
    <message>
        <source>Add, change or remove the node's labels (used by placement constraints)</source>
        <translation>添加、修改或删除节点的标签（供调度约束使用）</translation>
    </message>
    <message>
        <source>Promote</source>
        <translation>升级为管理节点</translation>
    </message>
    <message>
        <source>Make this worker a manager</source>
        <translation>将此工作节点升级为管理节点</translation>
    </message>
    <message>
        <source>Demote</source>
        <translation>降级为工作节点</translation>
    </message>
    <message>
        <source>Make this manager a worker</source>
        <translation>将此管理节点降级为工作节点</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>删除主机…</translation>
    </message>
    <message>
        <source>Remove the host from the swarm (only when it is down)</source>
        <translation>从集群中删除主机（仅当其下线时）</translation>
    </message>
    <message>
        <source>Connect host…</source>
        <translation>连接主机…</translation>
    </message>
    <message>
        <source>Give the node's engine address to see its containers, networks, volumes and images</source>
        <translation>填写节点的引擎地址以查看其容器、网络、存储卷和镜像</translation>
    </message>
    <message>
        <source>Add node…</source>
        <translation>添加节点…</translation>
    </message>
    <message>
        <source>Join commands and tokens; join a host's engine</source>
        <translation>加入命令和令牌；让主机的引擎加入集群</translation>
    </message>
    <message>
        <source>%1 is up: only a node that is down can be removed (force-removal is offered)</source>
        <translation>%1 在线：只能删除已下线的节点（可强制删除）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>These nodes failed:
%1</source>
        <translation>以下节点失败：
%1</translation>
    </message>
    <message>
        <source>Drain %1? It stops taking tasks and its running tasks move to other nodes.</source>
        <translation>对 %1 停止调度？它将不再接收任务，运行中的任务迁移到其他节点。</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) will move.</source>
        <translation>
            <numerusform>将迁移 %n 个任务。</numerusform>
        </translation>
    </message>
    <message>
        <source>Drain nodes</source>
        <translation>停止调度节点</translation>
    </message>
    <message>
        <source>drained</source>
        <translation>已停止调度</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停调度</translation>
    </message>
    <message>
        <source>activated</source>
        <translation>已恢复调度</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Availability not changed</source>
        <translation>可用性未更改</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Labels of %1 saved.</source>
        <translation>%1 的标签已保存。</translation>
    </message>
    <message>
        <source>labels saved</source>
        <translation>标签已保存</translation>
    </message>
    <message>
        <source>Not promoted</source>
        <translation>未升级</translation>
    </message>
    <message>
        <source>Not demoted</source>
        <translation>未降级</translation>
    </message>
    <message>
        <source>promoted to manager</source>
        <translation>已升级为管理节点</translation>
    </message>
    <message>
        <source>demoted to worker</source>
        <translation>已降级为工作节点</translation>
    </message>
    <message>
        <source>Remove host %1 from the swarm? This cannot be undone.</source>
        <translation>从集群中删除主机 %1？此操作不能恢复。</translation>
    </message>
    <message>
        <source>Remove host</source>
        <translation>删除主机</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>%1 is up (%2). Only a node that is down can be removed: stop its engine or make it leave the swarm first.</source>
        <translation>%1 在线（%2）。只能删除已下线的节点：请先停止其引擎或让其退出集群。</translation>
    </message>
    <message>
        <source>Force-removal takes it out of the swarm while it still runs; its tasks are lost there.</source>
        <translation>强制删除会在其仍运行时将其移出集群；其上的任务将丢失。</translation>
    </message>
    <message>
        <source>Force remove…</source>
        <translation>强制删除…</translation>
    </message>
    <message>
        <source>Really force-remove %1, which is still up? This cannot be undone.</source>
        <translation>确定要强制删除仍在线的 %1？此操作不能恢复。</translation>
    </message>
    <message>
        <source>Force-remove host</source>
        <translation>强制删除主机</translation>
    </message>
    <message>
        <source>Force remove</source>
        <translation>强制删除</translation>
    </message>
    <message>
        <source>Host not removed</source>
        <translation>主机未删除</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is connected: its engine is at %2.</source>
        <translation>%1 已连接：其引擎地址为 %2。</translation>
    </message>
</context>
<context>
    <name>ObjectsPage</name>
    <message>
        <source>Create…</source>
        <translation>创建…</translation>
    </message>
    <message>
        <source>Show content</source>
        <translation>查看内容</translation>
    </message>
    <message>
        <source>Labels…</source>
        <translation>编辑标签…</translation>
    </message>
    <message>
        <source>Rotate…</source>
        <translation>轮换…</translation>
    </message>
    <message>
        <source>Create a new version and move every service that uses this one to it</source>
        <translation>创建新版本，并把使用它的所有服务切换到新版本</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Filter secrets (name, label, service…)</source>
        <translation>筛选密钥（名称、标签、服务…）</translation>
    </message>
    <message>
        <source>Filter configs (name, label, service…)</source>
        <translation>筛选配置（名称、标签、服务…）</translation>
    </message>
    <message numerus="yes">
        <source>%n secret(s)</source>
        <translation>
            <numerusform>%n 个密钥</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n config(s)</source>
        <translation>
            <numerusform>%n 个配置</numerusform>
        </translation>
    </message>
    <message>
        <source>No secrets yet. Passwords and keys reach services as files, never in their settings.</source>
        <translation>还没有密钥。密码和私钥以文件形式交给服务，从不写进服务设置。</translation>
    </message>
    <message>
        <source>No configs yet. Configuration files reach services without rebuilding images.</source>
        <translation>还没有配置。配置文件无需重新构建镜像即可交给服务。</translation>
    </message>
    <message>
        <source>Cannot delete the secret</source>
        <translation>无法删除密钥</translation>
    </message>
    <message>
        <source>Cannot delete the config</source>
        <translation>无法删除配置</translation>
    </message>
    <message>
        <source>Delete secret</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <source>Delete config</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <source>Delete %1? This cannot be undone.</source>
        <translation>删除 %1？此操作不能恢复。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>%1 deleted.</source>
        <translation>已删除 %1。</translation>
    </message>
</context>
<context>
    <name>OneAppProxy</name>
    <message>
        <source>Image · mode</source>
        <translation>镜像 · 模式</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>✖ Problem</source>
        <translation>✖ 异常</translation>
    </message>
    <message>
        <source>▲ Warning</source>
        <translation>▲ 警告</translation>
    </message>
    <message>
        <source>● Change</source>
        <translation>● 变更</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Managers</source>
        <translation>管理节点</translation>
    </message>
    <message>
        <source>The node is %1: %2</source>
        <translation>节点状态为 %1：%2</translation>
    </message>
    <message>
        <source>no message</source>
        <translation>无说明</translation>
    </message>
    <message>
        <source>%1 of %2 tasks running</source>
        <translation>%2 个任务中 %1 个在运行</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Task %1 failed on %2: %3</source>
        <translation>任务 %1 在 %2 上失败：%3</translation>
    </message>
    <message>
        <source>%1 of %2 managers reachable: the cluster has lost its quorum and cannot change</source>
        <translation>%2 个管理节点中 %1 个可达：集群已失去法定人数，无法做任何变更</translation>
    </message>
    <message>
        <source>%1 of %2 managers reachable: one more loss stops the cluster</source>
        <translation>%2 个管理节点中 %1 个可达：再失去一个，集群将停止工作</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 managers reachable: %n more can be lost</source>
        <translation><numerusform>%2 个管理节点中 %1 个可达：还可失去 %n 个</numerusform></translation>
    </message>
    <message>
        <source>created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1已%2</translation>
    </message>
    <message>
        <source>Node joined</source>
        <translation>节点已加入</translation>
    </message>
    <message>
        <source>Node removed</source>
        <translation>节点已删除</translation>
    </message>
    <message>
        <source>Node is %1 (was %2)</source>
        <translation>节点状态为 %1（之前为 %2）</translation>
    </message>
    <message>
        <source>Availability %1 (was %2)</source>
        <translation>可用性为 %1（之前为 %2）</translation>
    </message>
    <message>
        <source>Service created</source>
        <translation>服务已创建</translation>
    </message>
    <message>
        <source>Service removed</source>
        <translation>服务已删除</translation>
    </message>
    <message>
        <source>Task %1 %2: %3</source>
        <translation>任务 %1 %2：%3</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Nothing needs attention: every node is ready and every service runs its tasks.</source>
        <translation>没有需要关注的事项：所有节点均已就绪，所有服务的任务都在运行。</translation>
    </message>
    <message>
        <source>No changes seen since the cluster was opened.</source>
        <translation>自打开集群以来，尚未发现变更。</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Managers</source>
        <translation>管理节点</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <source>Latest changes</source>
        <translation>最近变更</translation>
    </message>
    <message>
        <source>all events</source>
        <translation>全部事件</translation>
    </message>
    <message numerus="yes">
        <source>%n ready</source>
        <translation>
            <numerusform>%n 个就绪</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n down</source>
        <translation>
            <numerusform>%n 个下线</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n drained</source>
        <translation>
            <numerusform>%n 个停止调度</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n 个暂停调度</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n 个节点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n 个服务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not converged</source>
        <translation>
            <numerusform>%n 个未达到期望任务数</numerusform>
        </translation>
    </message>
    <message>
        <source>all converged</source>
        <translation>全部达到期望任务数</translation>
    </message>
    <message numerus="yes">
        <source>%n rollout(s) not done</source>
        <translation>
            <numerusform>%n 个更新未完成</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) failed in the last 15 minutes</source>
        <translation>
            <numerusform>最近 15 分钟内 %n 个任务失败</numerusform>
        </translation>
    </message>
    <message>
        <source>Swarm root CA</source>
        <translation>集群根 CA 证书</translation>
    </message>
    <message>
        <source>Your client certificate</source>
        <translation>本机客户端证书</translation>
    </message>
    <message>
        <source>No certificate in use</source>
        <translation>未使用证书</translation>
    </message>
    <message>
        <source>%1 is down: its swarm certificate may expire from %2</source>
        <translation>%1 已下线：其集群证书最早可能于 %2 到期</translation>
    </message>
    <message>
        <source>The swarm certificate of %1 expires on %2 and was not renewed</source>
        <translation>%1 的集群证书将于 %2 到期，且未按时续期</translation>
    </message>
    <message>
        <source>Node certificates: renewed by the swarm (the next expires on %1)</source>
        <translation>节点证书：由集群自动续期（最近一张于 %1 到期）</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Node certificates: valid for %1, renewed by the swarm; %2</source>
        <translation>节点证书：有效期 %1，由集群自动续期；%2</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) not on the current CA</source>
        <translation>
            <numerusform>%n 个节点的证书不是由当前 CA 签发</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>all %n node(s) on the current CA</source>
        <translation>
            <numerusform>全部 %n 个节点的证书均由当前 CA 签发</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: certificate not from the current CA</source>
        <translation>%1：证书不是由当前 CA 签发</translation>
    </message>
    <message>
        <source>%1 expired on %2</source>
        <translation>%1 已于 %2 过期</translation>
    </message>
    <message numerus="yes">
        <source>%1 expires on %2 (in %n day(s))</source>
        <translation>
            <numerusform>%1 将于 %2 过期（%n 天后）</numerusform>
        </translation>
    </message>
    <message>
        <source>only the nodes down</source>
        <translation>仅显示下线的节点</translation>
    </message>
    <message>
        <source>only the services not converged</source>
        <translation>仅显示未达到期望任务数的服务</translation>
    </message>
    <message>
        <source>only the rollouts not done</source>
        <translation>仅显示未完成的更新</translation>
    </message>
    <message>
        <source>only the tasks failed</source>
        <translation>仅显示失败的任务</translation>
    </message>
    <message>
        <source>show all</source>
        <translation>显示全部</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Disk usage</source>
        <translation>磁盘占用</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Configs</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Swarm</source>
        <translation>集群设置</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Go to %1</source>
        <translation>转到 %1</translation>
    </message>
    <message>
        <source>Node %1</source>
        <translation>节点 %1</translation>
    </message>
    <message>
        <source>Service %1</source>
        <translation>服务 %1</translation>
    </message>
    <message>
        <source>App %1</source>
        <translation>应用 %1</translation>
    </message>
    <message>
        <source>Task %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <source>Container %1</source>
        <translation>容器 %1</translation>
    </message>
    <message>
        <source>Network %1</source>
        <translation>网络 %1</translation>
    </message>
    <message>
        <source>Drain node %1</source>
        <translation>停止调度节点 %1</translation>
    </message>
    <message>
        <source>Pause node %1</source>
        <translation>暂停调度节点 %1</translation>
    </message>
    <message>
        <source>Activate node %1</source>
        <translation>恢复调度节点 %1</translation>
    </message>
    <message>
        <source>Scale service %1</source>
        <translation>修改服务 %1 的任务数</translation>
    </message>
    <message>
        <source>Open a terminal in %1</source>
        <translation>在 %1 中打开终端</translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>RegistriesDialog</name>
    <message>
        <source>Registries</source>
        <translation>镜像仓库</translation>
    </message>
    <message>
        <source>Deploys and updates send the login of the image's registry to the swarm, so that the nodes can pull private images. Registries not listed here use docker's own login (docker login, credential helpers).</source>
        <translation>部署和更新时会把镜像所在镜像仓库的登录信息发送给集群，使节点能够拉取私有镜像。未在此列出的镜像仓库使用 docker 自己的登录信息（docker login、凭据助手）。</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Test login</source>
        <translation>测试登录</translation>
    </message>
    <message>
        <source>docker's own logins (docker login, credential helpers), for the registries not listed above:</source>
        <translation>docker 自己的登录信息（docker login、凭据助手），用于上面未列出的镜像仓库：</translation>
    </message>
    <message>
        <source>Kept by</source>
        <translation>保存于</translation>
    </message>
    <message>
        <source>Reading docker's logins…</source>
        <translation>正在读取 docker 的登录信息…</translation>
    </message>
    <message>
        <source>config.json</source>
        <translation>config.json</translation>
    </message>
    <message>
        <source>credential helper %1</source>
        <translation>凭据助手 %1</translation>
    </message>
    <message>
        <source>(from the helper)</source>
        <translation>（由凭据助手提供）</translation>
    </message>
    <message>
        <source>docker has no logins of its own.</source>
        <translation>docker 没有自己的登录信息。</translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation>%1 已保存。</translation>
    </message>
    <message>
        <source>Remove registry</source>
        <translation>删除镜像仓库</translation>
    </message>
    <message>
        <source>Remove the login for %1 (user %2) and its saved password?</source>
        <translation>删除 %1（用户 %2）的登录信息及其保存的密码？</translation>
    </message>
    <message>
        <source>%1 removed.</source>
        <translation>%1 已删除。</translation>
    </message>
    <message>
        <source>Logging in to %1…</source>
        <translation>正在登录 %1…</translation>
    </message>
    <message>
        <source>The swarm's manager logged in to %1 as %2.</source>
        <translation>集群的管理节点已以 %2 身份登录 %1。</translation>
    </message>
</context>
<context>
    <name>RegistryLoginDialog</name>
    <message>
        <source>Edit registry</source>
        <translation>编辑镜像仓库</translation>
    </message>
    <message>
        <source>Add registry</source>
        <translation>添加镜像仓库</translation>
    </message>
    <message>
        <source>registry.example.com:5000</source>
        <translation>registry.example.com:5000</translation>
    </message>
    <message>
        <source>unchanged when left empty</source>
        <translation>留空则不修改</translation>
    </message>
    <message>
        <source>password or access token</source>
        <translation>密码或访问令牌</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>The password is kept in the system's keyring, never in the profile file.</source>
        <translation>密码保存在系统密钥环中，绝不写入连接配置文件。</translation>
    </message>
    <message>
        <source>Enter the user to log in as.</source>
        <translation>请输入登录用户。</translation>
    </message>
    <message>
        <source>Enter the password or access token.</source>
        <translation>请输入密码或访问令牌。</translation>
    </message>
    <message>
        <source>The profile already has a login for %1.</source>
        <translation>连接配置中已有 %1 的登录信息。</translation>
    </message>
    <message>
        <source>No keyring</source>
        <translation>没有密钥环</translation>
    </message>
    <message>
        <source>The password cannot be kept in a keyring: %1
Keep it only until Crane Desktop quits? It is never written to a file; you will enter it again next time.</source>
        <translation>无法把密码保存到密钥环：%1
仅保留到 Crane Desktop 退出？密码不会写入任何文件；下次需要重新输入。</translation>
    </message>
    <message>
        <source>Keep until I quit</source>
        <translation>保留到退出</translation>
    </message>
</context>
<context>
    <name>RotateDialog</name>
    <message>
        <source>Rotate %1</source>
        <translation>轮换 %1</translation>
    </message>
    <message>
        <source>A new version, %1, is created from this content; every service using %2 moves to it at the same target, one after the other, following its rollout. %2 is removed only when all succeeded; a failed rollout is rolled back and %2 is kept.</source>
        <translation>用此内容创建新版本 %1；使用 %2 的每个服务依次切换到新版本（目标路径不变），并跟踪其滚动更新。只有全部成功后才删除 %2；滚动更新失败的服务会回滚，%2 保留。</translation>
    </message>
    <message>
        <source>%1 will be created from this content.</source>
        <translation>将用此内容创建 %1。</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>轮换</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Done: every service uses %1; %2 is removed.</source>
        <translation>完成：所有服务都使用 %1；%2 已删除。</translation>
    </message>
    <message>
        <source>%1 is kept: nothing is lost.</source>
        <translation>%1 已保留：没有任何丢失。</translation>
    </message>
    <message>
        <source>Stopping: the service being updated goes back to %1…</source>
        <translation>正在停止：正在更新的服务回到 %1…</translation>
    </message>
    <message>
        <source>%1 created.</source>
        <translation>已创建 %1。</translation>
    </message>
    <message>
        <source>%1: waiting.</source>
        <translation>%1：等待中。</translation>
    </message>
    <message>
        <source>%1: updating…</source>
        <translation>%1：正在更新…</translation>
    </message>
    <message>
        <source>%1: uses the new version.</source>
        <translation>%1：已使用新版本。</translation>
    </message>
    <message>
        <source>%1: rolled back to the old version.</source>
        <translation>%1：已回滚到旧版本。</translation>
    </message>
    <message>
        <source>%1: failed.</source>
        <translation>%1：失败。</translation>
    </message>
    <message>
        <source>%1: stopped, back on the old version.</source>
        <translation>%1：已停止，回到旧版本。</translation>
    </message>
    <message>
        <source>%1: unchanged, on the old version.</source>
        <translation>%1：未改动，仍使用旧版本。</translation>
    </message>
    <message>
        <source>%1 removed.</source>
        <translation>已删除 %1。</translation>
    </message>
    <message>
        <source>%1 kept.</source>
        <translation>已保留 %1。</translation>
    </message>
</context>
<context>
    <name>RowCountLabel</name>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / %2</translation>
    </message>
</context>
<context>
    <name>ScaleDialog</name>
    <message>
        <source>Change the task counts of %1</source>
        <translation>修改 %1 的任务数</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>global: one task per node; not scaled</source>
        <translation>全局服务：每个节点一个任务，不修改任务数</translation>
    </message>
    <message>
        <source>Change task counts</source>
        <translation>修改任务数</translation>
    </message>
    <message>
        <source>The tasks each replicated service should run; in brackets, running / wanted now.</source>
        <translation>每个副本服务应运行的任务数；括号中是当前运行中 / 期望的任务数。</translation>
    </message>
    <message>
        <source>Correct the fields marked in red.</source>
        <translation>请修改标红的字段。</translation>
    </message>
    <message>
        <source>Sending to the swarm…</source>
        <translation>正在提交到集群…</translation>
    </message>
    <message>
        <source>Cannot change the task counts</source>
        <translation>无法修改任务数</translation>
    </message>
    <message>
        <source>The task counts of %1 were changed.</source>
        <translation>%1 的任务数已修改。</translation>
    </message>
</context>
<context>
    <name>SecretTableModel</name>
    <message>
        <source>%1: %2 (uid %3, gid %4, mode %5)</source>
        <translation>%1：%2（uid %3，gid %4，权限 %5）</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>驱动</translation>
    </message>
    <message>
        <source>Templating</source>
        <translation>模板驱动</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>使用者</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>ServiceDetail</name>
    <message>
        <source>Scale</source>
        <translation>修改任务数</translation>
    </message>
    <message>
        <source>Update image</source>
        <translation>更新镜像</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>更新…</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>Rebalance…</source>
        <translation>重新均衡…</translation>
    </message>
    <message>
        <source>Replace every task so that swarm spreads them again, e.g. over a node that came back</source>
        <translation>替换所有任务，让 swarm 重新分布它们，例如分布到恢复的节点上</translation>
    </message>
    <message>
        <source>Tasks:</source>
        <translation>任务数：</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>镜像：</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务列表</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>%1 (deleted)</source>
        <translation>%1（已删除）</translation>
    </message>
    <message>
        <source>Newer image available: %1 is now %2 in the registry; the service runs %3.</source>
        <translation>有新镜像：%1 在镜像仓库中现为 %2；服务运行的是 %3。</translation>
    </message>
    <message>
        <source>Cannot check for a newer image: %1</source>
        <translation>无法检查新镜像：%1</translation>
    </message>
    <message>
        <source>A job runs its tasks to completion; it is not scaled but run again.</source>
        <translation>作业的任务运行至完成；作业不能扩展，只能再次运行。</translation>
    </message>
    <message>
        <source>global: one task per node</source>
        <translation>全局：每个节点一个任务</translation>
    </message>
    <message>
        <source>global job: one run per node</source>
        <translation>全局作业：每个节点运行一次</translation>
    </message>
    <message>
        <source>Run %1, started %2: %3/%4 completed, %5 failed</source>
        <translation>第 %1 次运行，开始于 %2：已完成 %3/%4，失败 %5</translation>
    </message>
    <message numerus="yes">
        <source>Update: %1 — %2 of %n task(s) running the new spec</source>
        <translation>
            <numerusform>更新：%1 — %n 个任务中有 %2 个已运行新配置</numerusform>
        </translation>
    </message>
    <message>
        <source>Roll back %1 to its previous spec?</source>
        <translation>将 %1 回滚到上一个版本的配置？</translation>
    </message>
    <message>
        <source>Run the job again</source>
        <translation>再次运行作业</translation>
    </message>
    <message>
        <source>Run %1 again? Its tasks start anew with the same spec; earlier runs stay in the history.</source>
        <translation>再次运行 %1？其任务将以相同的配置重新启动；之前的运行保留在历史状态中。</translation>
    </message>
    <message>
        <source>Cannot run the job again</source>
        <translation>无法再次运行作业</translation>
    </message>
    <message>
        <source>A global service runs one task on every eligible node; it cannot be scaled.</source>
        <translation>全局服务在每个符合条件的节点上运行一个任务，不能修改任务数。</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <source>Start the job again with the same spec (a forced update); earlier runs stay in the history</source>
        <translation>以相同的配置再次启动作业（强制更新）；之前的运行保留在历史状态中</translation>
    </message>
    <message>
        <source>Pull and redeploy…</source>
        <translation>拉取并重新部署…</translation>
    </message>
    <message>
        <source>Pin the service to the image its tag has in the registry now and update it</source>
        <translation>将服务固定到其镜像标签在镜像仓库中当前对应的镜像并更新</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Ask the registry again which image the tag holds</source>
        <translation>重新向镜像仓库查询该镜像标签对应的镜像</translation>
    </message>
    <message numerus="yes">
        <source>replicated job: %n completion(s)</source>
        <translation>
            <numerusform>副本作业：完成 %n 个任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>replicated: %n task(s)</source>
        <translation>
            <numerusform>副本：%n 个任务</numerusform>
        </translation>
    </message>
    <message>
        <source>Job: %1/%2 completed, %3 failed, %4 running — run %5, started %6</source>
        <translation>作业：已完成 %1/%2，失败 %3，运行中 %4 —— 第 %5 次运行，开始于 %6</translation>
    </message>
    <message>
        <source>(at most %1 at a time)</source>
        <translation>（最多同时 %1 个）</translation>
    </message>
    <message>
        <source>Not converging: %1</source>
        <translation>未收敛：%1</translation>
    </message>
    <message>
        <source>(+%1 more)</source>
        <translation>（另有 %1 条原因）</translation>
    </message>
    <message>
        <source>Cannot scale the service</source>
        <translation>无法修改任务数</translation>
    </message>
    <message>
        <source>Give an image name (no spaces).</source>
        <translation>请填写镜像名称（不含空格）。</translation>
    </message>
    <message>
        <source>Cannot update the image</source>
        <translation>无法更新镜像</translation>
    </message>
    <message>
        <source>Cannot roll back the service</source>
        <translation>无法回滚服务</translation>
    </message>
    <message>
        <source>Rebalance %1? Every task is replaced (as docker service update --force), following the service's update policy, and swarm spreads the new ones over the nodes that take tasks.</source>
        <translation>重新均衡 %1？将按照服务的更新策略替换所有任务（如 docker service update --force），swarm 会把新任务分布到可接收任务的节点上。</translation>
    </message>
    <message>
        <source>Rebalance</source>
        <translation>重新均衡</translation>
    </message>
    <message>
        <source>Cannot rebalance the service</source>
        <translation>无法重新均衡服务</translation>
    </message>
</context>
<context>
    <name>ServiceTabs</name>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>实时监控</translation>
    </message>
    <message>
        <source>Entry points</source>
        <translation>入口列表</translation>
    </message>
    <message>
        <source>Continuous deployment</source>
        <translation>持续部署</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message numerus="yes">
        <source>%1 · %n down</source>
        <translation><numerusform>%1 · %n 个下线</numerusform></translation>
    </message>
</context>
<context>
    <name>SpecChanges</name>
    <message>
        <source>restarts the tasks</source>
        <translation>会重启任务</translation>
    </message>
    <message>
        <source>restarts the tasks on nodes that no longer fit the placement</source>
        <translation>会重启所在节点不再满足调度约束的任务</translation>
    </message>
    <message>
        <source>no restart</source>
        <translation>不重启</translation>
    </message>
    <message>
        <source>No changes.</source>
        <translation>没有变更。</translation>
    </message>
    <message>
        <source>Applying this restarts every task of the service (one by one, as the update policy says).</source>
        <translation>应用后将重启该服务的所有任务（按更新策略逐个进行）。</translation>
    </message>
    <message>
        <source>Applying this restarts only the tasks on nodes that no longer fit the placement constraints.</source>
        <translation>应用后只重启所在节点不再满足调度约束的任务。</translation>
    </message>
    <message>
        <source>Applying this restarts no task: the running tasks keep running.</source>
        <translation>应用后不重启任何任务：运行中的任务继续运行。</translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3</source>
        <translation>%1：%2 -&gt; %3</translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Rolling back changes (current -&gt; previous):</source>
        <translation>回滚将做出以下更改（当前 -&gt; 上一个）：</translation>
    </message>
    <message>
        <source>The app %1 exists; deploying this file:</source>
        <translation>应用 %1 已存在；发布此文件将：</translation>
    </message>
    <message>
        <source>%1: created</source>
        <translation>%1：新建</translation>
    </message>
    <message>
        <source>%1: removed</source>
        <translation>%1：删除</translation>
    </message>
    <message>
        <source>%1: unchanged</source>
        <translation>%1：不变</translation>
    </message>
    <message>
        <source>%1: updated, restarts its tasks</source>
        <translation>%1：更新，会重启其任务</translation>
    </message>
    <message>
        <source>%1: updated, no task restarts</source>
        <translation>%1：更新，不重启任务</translation>
    </message>
</context>
<context>
    <name>SpecView</name>
    <message>
        <source>Show raw JSON</source>
        <translation>显示原始 JSON</translation>
    </message>
    <message>
        <source>Show readable</source>
        <translation>显示易读格式</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Round-trip time to the manager in use, measured every few seconds</source>
        <translation>到当前所用管理节点的往返时间，每隔几秒测量一次</translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation>正在等待引擎…</translation>
    </message>
    <message>
        <source>no profile</source>
        <translation>无连接配置</translation>
    </message>
    <message>
        <source>manager %1</source>
        <translation>管理节点 %1</translation>
    </message>
    <message>
        <source>API %1</source>
        <translation>API %1</translation>
    </message>
    <message>
        <source>RTT %1 ms</source>
        <translation>往返时间 %1 毫秒</translation>
    </message>
    <message>
        <source>leader %1</source>
        <translation>主管理节点 %1</translation>
    </message>
    <message>
        <source>no leader</source>
        <translation>无主管理节点</translation>
    </message>
</context>
<context>
    <name>SwarmNodesModel</name>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>from the current root</source>
        <translation>来自当前根 CA</translation>
    </message>
    <message>
        <source>from the new CA; the swarm switches roots next</source>
        <translation>来自新 CA；随后集群切换根 CA</translation>
    </message>
    <message>
        <source>waiting for a certificate from the new CA</source>
        <translation>等待新 CA 签发的证书</translation>
    </message>
    <message>
        <source>waiting for the new root</source>
        <translation>等待新根 CA</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1（已到期）</translation>
    </message>
    <message numerus="yes">
        <source>%1 (in %n day(s))</source>
        <translation><numerusform>%1（%n 天后）</numerusform></translation>
    </message>
    <message>
        <source>: not renewed in time</source>
        <translation>：未按时续期</translation>
    </message>
    <message>
        <source>may expire from %1: down since %2, it cannot renew</source>
        <translation>最早可能于 %1 到期：自 %2 起下线，无法续期</translation>
    </message>
    <message>
        <source>unknown: its swarm port %1 does not answer here</source>
        <translation>未知：其集群端口 %1 在此处无响应</translation>
    </message>
    <message>
        <source>unknown: %1 presents another node's certificate</source>
        <translation>未知：%1 出示的是另一个节点的证书</translation>
    </message>
    <message>
        <source>renewed by the swarm while the node is up</source>
        <translation>节点在线时由集群自动续期</translation>
    </message>
    <message>
        <source>Read from the certificate the manager presents on its swarm port %1. The swarm renews it before a fifth of its validity is left.</source>
        <translation>读取自该管理节点在其集群端口 %1 上出示的证书。集群会在有效期剩余五分之一之前为其续期。</translation>
    </message>
    <message>
        <source>A worker serves no TLS port, so its certificate cannot be read from here; the swarm renews it while the node is up.</source>
        <translation>工作节点不提供 TLS 端口，因此无法从此处读取其证书；节点在线时集群会为其续期。</translation>
    </message>
    <message>
        <source>A node that is down cannot renew its certificate; once it has expired the node cannot rejoin the swarm (it must leave and join again).</source>
        <translation>下线的节点无法续期证书；证书一旦到期，该节点便无法重新加入集群（必须先退出再重新加入）。</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Swarm certificate</source>
        <translation>集群证书</translation>
    </message>
    <message>
        <source>Certificate expires</source>
        <translation>证书到期</translation>
    </message>
</context>
<context>
    <name>SwarmPage</name>
    <message>
        <source>Join tokens</source>
        <translation>加入令牌</translation>
    </message>
    <message>
        <source>The swarm</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Cluster ID:</source>
        <translation>集群 ID：</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <source>Default address pool:</source>
        <translation>默认地址池：</translation>
    </message>
    <message>
        <source>Data path port:</source>
        <translation>数据通道端口：</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Task history limit:</source>
        <translation>任务历史保留数：</translation>
    </message>
    <message>
        <source>Heartbeat period:</source>
        <translation>心跳周期：</translation>
    </message>
    <message>
        <source>Snapshot interval (log entries):</source>
        <translation>快照间隔（日志条数）：</translation>
    </message>
    <message>
        <source>Node certificate validity:</source>
        <translation>节点证书有效期：</translation>
    </message>
    <message>
        <source>Apply…</source>
        <translation>应用设置…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Read the swarm's settings again (your edits are lost)</source>
        <translation>重新读取集群设置（您的修改将丢失）</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Root CA expires:</source>
        <translation>根 CA 证书到期：</translation>
    </message>
    <message>
        <source>Node certificates:</source>
        <translation>节点证书：</translation>
    </message>
    <message>
        <source>The swarm's own CA signs the certificates its nodes use among themselves; they are renewed automatically. It is not the CA of the engines' TLS API: rotating it changes none of this workstation's certificates. A manager's certificate is read on its swarm port; a worker's cannot be read from here, but a node that is down cannot renew its certificate, and once it has expired the node cannot rejoin: such nodes are shown in the warning colour and raise an alert.</source>
        <translation>集群自己的 CA 签发节点之间通信所用的证书，这些证书会自动续期。它不是引擎 TLS API 的 CA：轮换它不会改变本工作站的任何证书。管理节点的证书从其集群端口读取；工作节点的证书无法从此处读取，但下线的节点无法续期证书，证书一旦到期该节点便无法重新加入集群：这类节点以警告颜色显示并触发告警。</translation>
    </message>
    <message>
        <source>Rotate CA…</source>
        <translation>轮换 CA…</translation>
    </message>
    <message>
        <source>%1 (subnets of /%2)</source>
        <translation>%1（子网 /%2）</translation>
    </message>
    <message>
        <source>%1 (the engine's default; subnets of /%2)</source>
        <translation>%1（引擎默认值；子网 /%2）</translation>
    </message>
    <message>
        <source>valid %1 from issue, renewed automatically before they expire</source>
        <translation>签发后有效 %1，到期前自动续期</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message numerus="yes">
        <source>%1 (in %n day(s))</source>
        <translation>
            <numerusform>%1（%n 天后）</numerusform>
        </translation>
    </message>
    <message>
        <source>Every node has a certificate from the current root.</source>
        <translation>所有节点的证书均来自当前根 CA。</translation>
    </message>
    <message>
        <source>CA rotation under way: %1 of %2 nodes have a certificate from the new CA; then the swarm switches to the new root.</source>
        <translation>CA 轮换进行中：%2 个节点中已有 %1 个获得新 CA 签发的证书；随后集群切换到新根 CA。</translation>
    </message>
    <message>
        <source>CA rotation under way: %1 of %2 nodes trust the new root.</source>
        <translation>CA 轮换进行中：%2 个节点中已有 %1 个信任新根 CA。</translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>没有需要修改的设置。</translation>
    </message>
    <message>
        <source>Task history limit</source>
        <translation>任务历史保留数</translation>
    </message>
    <message>
        <source>Heartbeat period</source>
        <translation>心跳周期</translation>
    </message>
    <message>
        <source>Snapshot interval</source>
        <translation>快照间隔</translation>
    </message>
    <message>
        <source>Node certificate validity</source>
        <translation>节点证书有效期</translation>
    </message>
    <message>
        <source>Change the swarm's settings</source>
        <translation>修改集群设置</translation>
    </message>
    <message>
        <source>Change these settings of the swarm?</source>
        <translation>修改集群的以下设置？</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用设置</translation>
    </message>
    <message>
        <source>The swarm was changed by someone else since its settings were read; nothing was saved. Reload to see them, then apply your change again.</source>
        <translation>读取设置后集群已被他人修改，未保存任何内容。请重新加载查看，然后再次应用您的修改。</translation>
    </message>
    <message>
        <source>The settings were changed.</source>
        <translation>设置已修改。</translation>
    </message>
    <message>
        <source>Rotate the swarm's root CA? The swarm makes a new root and gives every node a new certificate from it; nodes that are down get theirs when they come back. This workstation's certificates (the engines' TLS API) do not change.</source>
        <translation>轮换集群的根 CA？集群将生成新的根 CA，并为每个节点签发新证书；下线的节点在恢复后获得新证书。本工作站的证书（引擎 TLS API）不会改变。</translation>
    </message>
    <message>
        <source>Rotate CA</source>
        <translation>轮换 CA</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>轮换</translation>
    </message>
    <message>
        <source>CA rotation started.</source>
        <translation>CA 轮换已开始。</translation>
    </message>
</context>
<context>
    <name>TablePane</name>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
</context>
<context>
    <name>TaskCharts</name>
    <message>
        <source>No endpoint — connect host: %1</source>
        <translation>没有引擎地址——请连接主机：%1</translation>
    </message>
</context>
<context>
    <name>TaskTreeModel</name>
    <message>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>shut down</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>orphaned</source>
        <translation>孤立</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>槽位</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Desired state</source>
        <translation>期望状态</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Error reason</source>
        <translation>异常原因</translation>
    </message>
    <message>
        <source>slot {n}</source>
        <translation>槽位 {n}</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>%1 (removed)</source>
        <translation>%1（已移除）</translation>
    </message>
</context>
<context>
    <name>TerminalPanel</name>
    <message>
        <source>Default shell (bash when present, else /bin/sh)</source>
        <translation>默认 shell（有 bash 时用 bash，否则 /bin/sh）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>已连接：%1</translation>
    </message>
    <message>
        <source>The connection to the container was lost.</source>
        <translation>与容器的连接已断开。</translation>
    </message>
    <message>
        <source>The session ended.</source>
        <translation>会话已结束。</translation>
    </message>
    <message>
        <source>The shell exited with code %1.</source>
        <translation>shell 已退出，退出码 %1。</translation>
    </message>
</context>
<context>
    <name>TextExport</name>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
</context>
<context>
    <name>Unavailable</name>
    <message>
        <source>Connect host…</source>
        <translation>连接主机…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>The engine address of %1 is not known, so its own containers, networks, volumes and images cannot be shown. Use “Connect host” to give it.</source>
        <translation>%1 的引擎地址未知，无法显示其容器、网络、存储卷和镜像。请使用“连接主机”填写地址。</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>无法访问：%1</translation>
    </message>
</context>
<context>
    <name>VolumeDialog</name>
    <message>
        <source>Create volume on %1</source>
        <translation>在 %1 上创建存储卷</translation>
    </message>
    <message>
        <source>empty: a generated name</source>
        <translation>留空：自动生成名称</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
</context>
<context>
    <name>VolumesPane</name>
    <message>
        <source>Create…</source>
        <translation>创建…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Remove the volume %1 from %2? Its data is lost.</source>
        <translation>从 %2 删除存储卷 %1？其数据将丢失。</translation>
    </message>
    <message>
        <source>Remove volume</source>
        <translation>删除存储卷</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Volume not removed</source>
        <translation>存储卷未删除</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>应用</translation>
    </message>
</context>
<context>
    <name>alerts</name>
    <message>
        <source>For at least (minutes)</source>
        <translation>持续至少（分钟）</translation>
    </message>
    <message>
        <source>Node down or manager unreachable</source>
        <translation>节点下线或管理节点不可达</translation>
    </message>
    <message>
        <source>A service's tasks failing</source>
        <translation>服务的任务反复失败</translation>
    </message>
    <message>
        <source>Failures at least</source>
        <translation>失败次数至少</translation>
    </message>
    <message>
        <source>Within (minutes)</source>
        <translation>时间范围（分钟）</translation>
    </message>
    <message>
        <source>Rollout paused or rolled back</source>
        <translation>更新暂停或已回滚</translation>
    </message>
    <message>
        <source>Service not converged</source>
        <translation>服务未收敛</translation>
    </message>
    <message>
        <source>Certificate expiring</source>
        <translation>证书即将过期</translation>
    </message>
    <message>
        <source>Within (days)</source>
        <translation>剩余天数不超过</translation>
    </message>
    <message>
        <source>Manager quorum at risk</source>
        <translation>管理节点法定人数有风险</translation>
    </message>
    <message>
        <source>{label}: give a whole number from {minimum} to {maximum}.</source>
        <translation>{label}：请输入 {minimum} 到 {maximum} 之间的整数。</translation>
    </message>
    <message>
        <source>{node} is down.</source>
        <translation>{node} 已下线。</translation>
    </message>
    <message>
        <source>{node} is disconnected.</source>
        <translation>{node} 已断开连接。</translation>
    </message>
    <message>
        <source>{node} is locked: autolock is on and its engine restarted. Unlock it on the Swarm page with the unlock key.</source>
        <translation>{node} 已锁定：已开启自动锁定且其引擎已重启。请在“集群设置”页面用解锁密钥将其解锁。</translation>
    </message>
    <message>
        <source>{node} is not ready ({state}).</source>
        <translation>{node} 未就绪（{state}）。</translation>
    </message>
    <message>
        <source>The manager {node} is unreachable.</source>
        <translation>管理节点 {node} 不可达。</translation>
    </message>
    <message>
        <source>{count} tasks of {service} failed within {minutes} min.</source>
        <translation>{service} 在 {minutes} 分钟内有 {count} 个任务失败。</translation>
    </message>
    <message>
        <source>The update of {service} is paused: {reason}</source>
        <translation>{service} 的更新已暂停：{reason}</translation>
    </message>
    <message>
        <source>The update of {service} is rolled back: {reason}</source>
        <translation>{service} 的更新已回滚：{reason}</translation>
    </message>
    <message>
        <source>{service} runs {running} of {desired} tasks.</source>
        <translation>{service} 运行中的任务：{running}/{desired}。</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>This workstation's client certificate expires on {date}.</source>
        <translation>本工作站的客户端证书将于 {date} 过期。</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>The profile's CA certificate expires on {date}.</source>
        <translation>连接配置的 CA 证书将于 {date} 过期。</translation>
    </message>
    <message>
        <source>The swarm's root certificate expires on {date}.</source>
        <translation>集群根证书将于 {date} 过期。</translation>
    </message>
    <message>
        <source>Swarm root CA</source>
        <translation>集群根 CA 证书</translation>
    </message>
    <message>
        <source>{node} is down and cannot renew its swarm certificate: it may expire from {date}, after which the node cannot rejoin.</source>
        <translation>{node} 已下线，无法续期其集群证书：证书最早可能于 {date} 到期，此后该节点无法重新加入集群。</translation>
    </message>
    <message>
        <source>The swarm certificate of {node} expires on {date} and was not renewed.</source>
        <translation>{node} 的集群证书将于 {date} 到期，且未按时续期。</translation>
    </message>
    <message>
        <source>{reachable} of {managers} managers are reachable; {needed} are needed.</source>
        <translation>{managers} 个管理节点中 {reachable} 个可达；至少需要 {needed} 个。</translation>
    </message>
    <message>
        <source>Managers</source>
        <translation>管理节点</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>No saved profile is named {name}.</source>
        <translation>没有名为 {name} 的连接配置。</translation>
    </message>
    <message>
        <source>The Docker engine reported an error.</source>
        <translation>Docker 引擎报告了错误。</translation>
    </message>
    <message>
        <source>Cannot reach the Docker engine at {endpoint}.</source>
        <translation>无法连接到 {endpoint} 上的 Docker 引擎。</translation>
    </message>
    <message>
        <source>Check that the engine runs and that the address and port are right.</source>
        <translation>请确认引擎正在运行，且地址和端口正确。</translation>
    </message>
    <message>
        <source>The secure (TLS) connection to {endpoint} was refused.</source>
        <translation>到 {endpoint} 的安全（TLS）连接被拒绝。</translation>
    </message>
    <message>
        <source>Check the CA certificate, the client certificate and key of the profile.</source>
        <translation>请检查连接配置中的 CA 证书、客户端证书和私钥。</translation>
    </message>
    <message>
        <source>The engine address of {hostname} is not known.</source>
        <translation>{hostname} 的引擎地址未知。</translation>
    </message>
    <message>
        <source>Use “Connect host” to give the node's engine address.</source>
        <translation>请使用“连接主机”填写该节点的引擎地址。</translation>
    </message>
    <message>
        <source>The object no longer exists on the engine.</source>
        <translation>该对象在引擎上已不存在。</translation>
    </message>
    <message>
        <source>The object was changed by someone else; reload and try again.</source>
        <translation>该对象已被他人修改；请重新加载后再试。</translation>
    </message>
    <message>
        <source>The name is already in use on the swarm: choose another.</source>
        <translation>该名称在集群中已被使用：请换一个名称。</translation>
    </message>
    <message>
        <source>The engine at {endpoint} is not a swarm manager.</source>
        <translation>{endpoint} 上的引擎不是集群管理节点。</translation>
    </message>
    <message>
        <source>Connect to a manager node, or promote this node to manager.</source>
        <translation>请连接到管理节点，或将此节点升级为管理节点。</translation>
    </message>
    <message>
        <source>The swarm has no leader right now.</source>
        <translation>集群当前没有主管理节点。</translation>
    </message>
    <message>
        <source>An election is under way; if it lasts, more than half of the managers are down.</source>
        <translation>正在选举；如果持续很久，说明超过半数的管理节点已下线。</translation>
    </message>
    <message>
        <source>The engine at {endpoint} is not part of a swarm.</source>
        <translation>{endpoint} 上的引擎不属于任何集群。</translation>
    </message>
    <message>
        <source>The engine refused the request: {reason}</source>
        <translation>引擎拒绝了请求：{reason}</translation>
    </message>
    <message>
        <source>The Docker engine at {endpoint} did not answer in time.</source>
        <translation>{endpoint} 上的 Docker 引擎没有及时响应。</translation>
    </message>
    <message>
        <source>The Docker client failed: {reason}</source>
        <translation>Docker 客户端出错：{reason}</translation>
    </message>
    <message>
        <source>Docker {version} answers at {endpoint}.</source>
        <translation>{endpoint} 上的 Docker {version} 有响应。</translation>
    </message>
    <message>
        <source>The engine answers, but its swarm is electing a leader.</source>
        <translation>引擎有响应，但集群正在选举主管理节点。</translation>
    </message>
    <message>
        <source>Wait a few seconds; the swarm elects a new leader by itself.</source>
        <translation>请稍候几秒；集群会自动选出新的主管理节点。</translation>
    </message>
    <message>
        <source>API version {api} is too old (Crane Desktop needs {minimum}).</source>
        <translation>API 版本 {api} 太旧（Crane Desktop 需要 {minimum}）。</translation>
    </message>
    <message>
        <source>Upgrade Docker on this host.</source>
        <translation>请升级此主机上的 Docker。</translation>
    </message>
    <message>
        <source>API version {api}.</source>
        <translation>API 版本 {api}。</translation>
    </message>
    <message>
        <source>This engine is not in swarm mode (state: {state}).</source>
        <translation>此引擎未处于集群模式（状态：{state}）。</translation>
    </message>
    <message>
        <source>Initialise a swarm here, or connect to a manager of your swarm.</source>
        <translation>在此初始化集群，或连接到你的集群的管理节点。</translation>
    </message>
    <message>
        <source>Swarm mode is active.</source>
        <translation>集群模式已启用。</translation>
    </message>
    <message>
        <source>This node is a swarm manager.</source>
        <translation>此节点是集群管理节点。</translation>
    </message>
    <message>
        <source>This node is a worker; only managers can run the cluster.</source>
        <translation>此节点是工作节点；只有管理节点才能管理集群。</translation>
    </message>
    <message>
        <source>Connect to a manager node, or promote this node.</source>
        <translation>请连接到管理节点，或将此节点升级为管理节点。</translation>
    </message>
    <message>
        <source>The engine's clock differs from this workstation's by {seconds} s.</source>
        <translation>引擎的时钟与本机相差 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Synchronise the clocks (NTP); TLS and task times depend on them.</source>
        <translation>请同步时钟（NTP）；TLS 和任务时间都依赖它。</translation>
    </message>
    <message>
        <source>Clocks agree (skew {seconds} s).</source>
        <translation>时钟一致（偏差 {seconds} 秒）。</translation>
    </message>
    <message>
        <source>The {what} expired on {date}.</source>
        <translation>{what}已于 {date} 过期。</translation>
    </message>
    <message>
        <source>Issue a new certificate.</source>
        <translation>请签发新证书。</translation>
    </message>
    <message>
        <source>The {what} expires in {days} days ({date}).</source>
        <translation>{what}将在 {days} 天后（{date}）过期。</translation>
    </message>
    <message>
        <source>Renew it before it expires.</source>
        <translation>请在过期前更新。</translation>
    </message>
    <message>
        <source>The {what} is valid until {date}.</source>
        <translation>{what}有效期至 {date}。</translation>
    </message>
    <message>
        <source>The {what} {path} cannot be read: {reason}</source>
        <translation>无法读取{what} {path}：{reason}</translation>
    </message>
    <message>
        <source>The key file {path} can be read by other users.</source>
        <translation>私钥文件 {path} 可被其他用户读取。</translation>
    </message>
    <message>
        <source>Run: chmod 600 {path}</source>
        <translation>请执行：chmod 600 {path}</translation>
    </message>
    <message>
        <source>server certificate</source>
        <translation>服务端证书</translation>
    </message>
    <message>
        <source>A profile must be a JSON object.</source>
        <translation>连接配置必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>The profile's managers must be a list of endpoints.</source>
        <translation>连接配置中的管理节点必须是地址列表。</translation>
    </message>
    <message>
        <source>The profile needs a name.</source>
        <translation>连接配置需要名称。</translation>
    </message>
    <message>
        <source>The profile needs at least one manager endpoint.</source>
        <translation>连接配置至少需要一个管理节点地址。</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>client key</source>
        <translation>客户端私钥</translation>
    </message>
    <message>
        <source>The {what} file {path} does not exist.</source>
        <translation>{what}文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>conflicting options: cannot specify both --host and --context</source>
        <translation>选项冲突：不能同时指定 --host 和 --context</translation>
    </message>
    <message>
        <source>Specify only one -H</source>
        <translation>只能指定一个 -H</translation>
    </message>
    <message>
        <source>A client certificate needs its key, and a key its certificate.</source>
        <translation>客户端证书和私钥必须同时提供。</translation>
    </message>
    <message>
        <source>{endpoint} is not a Docker endpoint (use tcp://, unix://, npipe:// or ssh://).</source>
        <translation>{endpoint} 不是 Docker 地址（请使用 tcp://、unix://、npipe:// 或 ssh://）。</translation>
    </message>
    <message>
        <source>{endpoint} has no host.</source>
        <translation>{endpoint} 缺少主机。</translation>
    </message>
    <message>
        <source>Plain tcp:// to {host} without TLS lets anyone on the network control the cluster.</source>
        <translation>不加密的 tcp:// 连接到 {host} 会让网络上的任何人都能控制集群。</translation>
    </message>
    <message>
        <source>Configure TLS, or accept the risk explicitly.</source>
        <translation>请配置 TLS，或明确接受风险。</translation>
    </message>
    <message>
        <source>The docker context {context} cannot be read.</source>
        <translation>无法读取 docker context {context}。</translation>
    </message>
    <message>
        <source>The profile file {path} cannot be read.</source>
        <translation>无法读取连接配置文件 {path}。</translation>
    </message>
    <message>
        <source>Line {line}, {key}: {reason}</source>
        <translation>第 {line} 行，{key}：{reason}</translation>
    </message>
    <message>
        <source>the file is not valid YAML ({problem})</source>
        <translation>文件不是有效的 YAML（{problem}）</translation>
    </message>
    <message>
        <source>the file nests deeper than {depth} levels or expands to more than {count} values</source>
        <translation>文件嵌套超过 {depth} 层，或展开后超过 {count} 个值</translation>
    </message>
    <message>
        <source>the key is given twice</source>
        <translation>该键重复出现</translation>
    </message>
    <message>
        <source>failed to cast to expected type: {reason}</source>
        <translation>无法转换为所需类型：{reason}</translation>
    </message>
    <message>
        <source>invalid “$” in “{text}” (write $$)</source>
        <translation>“{text}”中的“$”无效（请写成 $$）</translation>
    </message>
    <message>
        <source>invalid variable “${{{text}}}”</source>
        <translation>无效的变量“${{{text}}}”</translation>
    </message>
    <message>
        <source>the variable {name} is required: {message}</source>
        <translation>必须设置变量 {name}：{message}</translation>
    </message>
    <message>
        <source>must be a mapping (key: value)</source>
        <translation>必须是映射（键: 值）</translation>
    </message>
    <message>
        <source>unknown key “{name}”</source>
        <translation>未知的键“{name}”</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>必须是字符串</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <source>must be at least {minimum}</source>
        <translation>不能小于 {minimum}</translation>
    </message>
    <message>
        <source>must be at most {maximum}</source>
        <translation>不能大于 {maximum}</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>必须是数字</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>must be a list of strings</source>
        <translation>必须是字符串列表</translation>
    </message>
    <message>
        <source>cannot split the command: {reason}</source>
        <translation>无法拆分命令：{reason}</translation>
    </message>
    <message>
        <source>“{text}” is not a duration (e.g. 10s, 1m30s)</source>
        <translation>“{text}”不是时长（例如 10s、1m30s）</translation>
    </message>
    <message>
        <source>“{text}” is not a size (e.g. 64M, 1G)</source>
        <translation>“{text}”不是大小（例如 64M、1G）</translation>
    </message>
    <message>
        <source>must be a positive number of CPUs</source>
        <translation>必须是正数个 CPU</translation>
    </message>
    <message>
        <source>must be a string, number or null</source>
        <translation>必须是字符串、数字或 null</translation>
    </message>
    <message>
        <source>the file defines no services</source>
        <translation>文件中没有定义服务</translation>
    </message>
    <message>
        <source>“{name}” is not a valid service name</source>
        <translation>“{name}”不是有效的服务名称</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>必须是列表</translation>
    </message>
    <message>
        <source>The "{name}" variable is not set. Defaulting to a blank string.</source>
        <translation>变量“{name}”未设置，按空字符串处理。</translation>
    </message>
    <message>
        <source>Setting the container name is not supported.</source>
        <translation>不支持设置容器名称。</translation>
    </message>
    <message>
        <source>Exposing ports is unnecessary - services on the same network can access each other's containers on any port.</source>
        <translation>无需暴露端口：同一网络中的服务可以通过任意端口访问彼此的容器。</translation>
    </message>
    <message>
        <source>must be a string (e.g. "3.8")</source>
        <translation>必须是字符串（例如 "3.8"）</translation>
    </message>
    <message>
        <source>version {version} is not supported (3.0 to 3.{latest})</source>
        <translation>不支持版本 {version}（支持 3.0 到 3.{latest}）</translation>
    </message>
    <message>
        <source>“{name}” needs version 3.{since} or later (the file says {version})</source>
        <translation>“{name}”需要 3.{since} 或更高版本（文件中为 {version}）</translation>
    </message>
    <message>
        <source>Ignoring unsupported option “{name}”.</source>
        <translation>忽略不支持的选项“{name}”。</translation>
    </message>
    <message>
        <source>an external volume takes no “{name}” (it exists already)</source>
        <translation>外部存储卷不能设置“{name}”（它已经存在）</translation>
    </message>
    <message>
        <source>{kind}.external.name and {kind}.name conflict; only use {kind}.name</source>
        <translation>{kind}.external.name 与 {kind}.name 冲突，请只使用 {kind}.name</translation>
    </message>
    <message>
        <source>{kind} {name}: {kind}.external.name is deprecated in favor of {kind}.name</source>
        <translation>{kind} {name}：{kind}.external.name 已弃用，请改用 {kind}.name</translation>
    </message>
    <message>
        <source>“{text}” is not a subnet in CIDR notation (e.g. 10.0.0.0/24)</source>
        <translation>“{text}”不是 CIDR 格式的子网（例如 10.0.0.0/24）</translation>
    </message>
    <message>
        <source>the file is over 500 KB: the engine takes at most {limit} bytes</source>
        <translation>文件超过 500 KB：引擎最多接受 {limit} 字节</translation>
    </message>
    <message>
        <source>the template is not valid, line {template_line}: {reason}</source>
        <translation>模板无效，第 {template_line} 行：{reason}</translation>
    </message>
    <message>
        <source>needs “file” (or external: true)</source>
        <translation>需要“file”（或 external: true）</translation>
    </message>
    <message>
        <source>cannot read {file}: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>“{name}” is not declared under {kind}</source>
        <translation>“{name}”没有在 {kind} 下声明</translation>
    </message>
    <message>
        <source>the service needs an image</source>
        <translation>服务需要镜像</translation>
    </message>
    <message>
        <source>must be vip or dnsrr</source>
        <translation>必须是 vip 或 dnsrr</translation>
    </message>
    <message>
        <source>dnsrr cannot be used with a port published in ingress mode (the engine refuses it)</source>
        <translation>dnsrr 不能与以 ingress 模式发布的端口一起使用（引擎会拒绝）</translation>
    </message>
    <message>
        <source>the port {port}/{protocol} is published twice (the engine refuses it)</source>
        <translation>端口 {port}/{protocol} 被发布了两次（引擎会拒绝）</translation>
    </message>
    <message>
        <source>test and disable cannot be set together</source>
        <translation>test 和 disable 不能同时设置</translation>
    </message>
    <message>
        <source>the mount needs a target</source>
        <translation>挂载需要目标路径</translation>
    </message>
    <message>
        <source>duplicate mount point {target}: another mount of the service has this target (the engine refuses the service)</source>
        <translation>重复的挂载点 {target}：该服务的另一个挂载已使用此目标路径（引擎会拒绝该服务）</translation>
    </message>
    <message>
        <source>“{text}” is not a volume (source:target[:mode])</source>
        <translation>“{text}”不是存储卷（源:目标[:模式]）</translation>
    </message>
    <message>
        <source>the volume “{name}” is not declared under volumes</source>
        <translation>存储卷“{name}”没有在 volumes 下声明</translation>
    </message>
    <message>
        <source>a bind mount needs a source</source>
        <translation>绑定挂载需要源路径</translation>
    </message>
    <message>
        <source>unknown mount type “{kind}”</source>
        <translation>未知的挂载类型“{kind}”</translation>
    </message>
    <message>
        <source>give only one of config, file and registry (not {keys})</source>
        <translation>config、file 和 registry 只能给出一个（现在有 {keys}）</translation>
    </message>
    <message>
        <source>needs “{name}”</source>
        <translation>需要“{name}”</translation>
    </message>
    <message>
        <source>needs a source</source>
        <translation>需要 source</translation>
    </message>
    <message>
        <source>the key “{name}” is not valid (the engine refuses it)</source>
        <translation>键“{name}”无效（引擎会拒绝）</translation>
    </message>
    <message>
        <source>the value “{value}” is not valid (the engine refuses it)</source>
        <translation>值“{value}”无效（引擎会拒绝）</translation>
    </message>
    <message>
        <source>needs an operator, == or != (the engine refuses it)</source>
        <translation>需要运算符 == 或 !=（引擎会拒绝）</translation>
    </message>
    <message>
        <source>unknown restart policy “{name}”</source>
        <translation>未知的重启策略“{name}”</translation>
    </message>
    <message>
        <source>must be none, on-failure or any</source>
        <translation>必须是 none、on-failure 或 any</translation>
    </message>
    <message>
        <source>must be pause, continue or rollback</source>
        <translation>必须是 pause、continue 或 rollback</translation>
    </message>
    <message>
        <source>must be stop-first or start-first</source>
        <translation>必须是 stop-first 或 start-first</translation>
    </message>
    <message>
        <source>a global service has no replicas</source>
        <translation>全局服务没有副本数</translation>
    </message>
    <message>
        <source>must be replicated, global, replicated-job or global-job</source>
        <translation>必须是 replicated、global、replicated-job 或 global-job</translation>
    </message>
    <message>
        <source>the port needs a target</source>
        <translation>端口需要目标端口</translation>
    </message>
    <message>
        <source>must be host or ingress</source>
        <translation>必须是 host 或 ingress</translation>
    </message>
    <message>
        <source>must be tcp, udp or sctp</source>
        <translation>必须是 tcp、udp 或 sctp</translation>
    </message>
    <message>
        <source>“{text}” is not a port (e.g. 8080:80/tcp)</source>
        <translation>“{text}”不是端口（例如 8080:80/tcp）</translation>
    </message>
    <message>
        <source>“{address}” in “{text}” is not an IP address</source>
        <translation>“{text}”中的“{address}”不是 IP 地址</translation>
    </message>
    <message>
        <source>ignoring IP-address ({address}:{port}) service will listen on '0.0.0.0'</source>
        <translation>忽略 IP 地址（{address}:{port}），服务将监听 '0.0.0.0'</translation>
    </message>
    <message>
        <source>the network “{name}” is not declared under networks</source>
        <translation>网络“{name}”没有在 networks 下声明</translation>
    </message>
    <message>
        <source>“{name}” is not a valid app name</source>
        <translation>“{name}”不是有效的应用名称</translation>
    </message>
    <message>
        <source>the files give different versions (3.{first} and 3.{this})</source>
        <translation>这些文件的版本不同（3.{first} 和 3.{this}）</translation>
    </message>
    <message>
        <source>No service is named {name}.</source>
        <translation>没有名为 {name} 的服务。</translation>
    </message>
    <message>
        <source>Unknown format {format}.</source>
        <translation>未知格式 {format}。</translation>
    </message>
    <message>
        <source>A volume name has at least two characters: a letter or digit, then letters, digits, “_”, “.” or “-”.</source>
        <translation>存储卷名称至少两个字符：以字母或数字开头，其后为字母、数字、“_”、“.”或“-”。</translation>
    </message>
    <message>
        <source>The network {name} is in use by: {services}.</source>
        <translation>网络 {name} 正被以下服务使用：{services}。</translation>
    </message>
    <message>
        <source>Remove these services, or their use of the network, first.</source>
        <translation>请先删除这些服务，或让它们不再使用该网络。</translation>
    </message>
    <message>
        <source>The network {name} is built in and cannot be deleted.</source>
        <translation>网络 {name} 是内置网络，不能删除。</translation>
    </message>
    <message>
        <source>The network settings are not valid: {reason}</source>
        <translation>网络设置无效：{reason}</translation>
    </message>
    <message>
        <source>“{item}” is not a key=value label.</source>
        <translation>“{item}” 不是 键=值 形式的标签。</translation>
    </message>
    <message>
        <source>The label {key} is given twice.</source>
        <translation>标签 {key} 重复了。</translation>
    </message>
    <message>
        <source>“{value}” is not valid CIDR notation for the {what} (e.g. 172.20.0.0/16).</source>
        <translation>“{value}” 不是有效的{what} CIDR 写法（例如 172.20.0.0/16）。</translation>
    </message>
    <message>
        <source>“{value}” has host bits set; did you mean {suggestion}?</source>
        <translation>“{value}” 的主机位不为零；是否应为 {suggestion}？</translation>
    </message>
    <message>
        <source>The network needs a name.</source>
        <translation>请填写网络名称。</translation>
    </message>
    <message>
        <source>Use only letters, digits, “-”, “_” and “.”, starting with a letter or digit.</source>
        <translation>只能使用字母、数字、“-”、“_” 和 “.”，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>At most {max} characters.</source>
        <translation>最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>A network named {name} exists already.</source>
        <translation>名为 {name} 的网络已存在。</translation>
    </message>
    <message>
        <source>subnet</source>
        <translation>子网</translation>
    </message>
    <message>
        <source>The subnet {value} is too small for containers.</source>
        <translation>子网 {value} 太小，容纳不了容器。</translation>
    </message>
    <message>
        <source>A gateway or an IP range needs a subnet.</source>
        <translation>设置网关或 IP 范围时必须填写子网。</translation>
    </message>
    <message>
        <source>Overlaps the subnet {subnet} of the network {name}.</source>
        <translation>与网络 {name} 的子网 {subnet} 重叠。</translation>
    </message>
    <message>
        <source>“{value}” is not an IP address (e.g. 172.20.10.1).</source>
        <translation>“{value}” 不是 IP 地址（例如 172.20.10.1）。</translation>
    </message>
    <message>
        <source>The gateway {value} is not inside the subnet {subnet}.</source>
        <translation>网关 {value} 不在子网 {subnet} 内。</translation>
    </message>
    <message>
        <source>The gateway cannot be the subnet's network address {value}.</source>
        <translation>网关不能是子网的网络地址 {value}。</translation>
    </message>
    <message>
        <source>The gateway cannot be the subnet's broadcast address {value}.</source>
        <translation>网关不能是子网的广播地址 {value}。</translation>
    </message>
    <message>
        <source>IP range</source>
        <translation>IP 范围</translation>
    </message>
    <message>
        <source>The IP range {value} is not inside the subnet {subnet}.</source>
        <translation>IP 范围 {value} 不在子网 {subnet} 内。</translation>
    </message>
    <message>
        <source>The network {name} is in use; the engine refuses to delete it.</source>
        <translation>网络 {name} 正在使用中，引擎拒绝删除。</translation>
    </message>
    <message>
        <source>The engine at {endpoint} is {found}, not {hostname}: that address is another node's.</source>
        <translation>{endpoint} 上的引擎是 {found}，不是 {hostname}：该地址属于另一个节点。</translation>
    </message>
    <message>
        <source>Give the address of this node's own engine.</source>
        <translation>请填写该节点自己的引擎地址。</translation>
    </message>
    <message>
        <source>{hostname} is still up; only a node that is down can be removed.</source>
        <translation>{hostname} 仍在线；只能删除已下线的节点。</translation>
    </message>
    <message>
        <source>Stop its engine or make it leave the swarm first, or force the removal.</source>
        <translation>请先停止其引擎或让其退出集群，或强制删除。</translation>
    </message>
    <message>
        <source>A label key cannot be empty.</source>
        <translation>标签的键不能为空。</translation>
    </message>
    <message>
        <source>A label key cannot contain “=”, spaces or control characters.</source>
        <translation>标签的键不能包含“=”、空格或控制字符。</translation>
    </message>
    <message>
        <source>This is the swarm's last manager; it cannot be demoted.</source>
        <translation>这是集群中最后一个管理节点，不能降级。</translation>
    </message>
    <message>
        <source>Promote another node first.</source>
        <translation>请先将另一个节点升级为管理节点。</translation>
    </message>
    <message>
        <source>Demoting this manager would break the quorum: only {reachable} of the other {total} managers are reachable.</source>
        <translation>降级此管理节点会破坏法定人数：其余 {total} 个管理节点中只有 {reachable} 个可达。</translation>
    </message>
    <message>
        <source>Bring the unreachable managers back first.</source>
        <translation>请先恢复不可达的管理节点。</translation>
    </message>
    <message>
        <source>Give the engine's IP address or host name, with an optional port (e.g. 10.0.0.5:2376).</source>
        <translation>请填写引擎的 IP 地址或主机名，可带端口（例如 10.0.0.5:2376）。</translation>
    </message>
    <message>
        <source>The engine at {endpoint} is already part of a swarm.</source>
        <translation>{endpoint} 上的引擎已属于一个集群。</translation>
    </message>
    <message>
        <source>Make it leave its swarm first (docker swarm leave).</source>
        <translation>请先让其退出所在集群（docker swarm leave）。</translation>
    </message>
    <message>
        <source>At most {max}.</source>
        <translation>不能大于 {max}。</translation>
    </message>
    <message>
        <source>A whole number, 0 or more.</source>
        <translation>大于等于 0 的整数。</translation>
    </message>
    <message>
        <source>A duration such as 10s or 1m30s.</source>
        <translation>时长，例如 10s 或 1m30s。</translation>
    </message>
    <message>
        <source>pause, continue or rollback.</source>
        <translation>pause、continue 或 rollback。</translation>
    </message>
    <message>
        <source>A number from 0 to 1.</source>
        <translation>0 到 1 之间的数字。</translation>
    </message>
    <message>
        <source>stop-first or start-first.</source>
        <translation>stop-first 或 start-first。</translation>
    </message>
    <message>
        <source>Letters, digits, “-”, “_” and “.” only.</source>
        <translation>只能包含字母、数字、“-”、“_”和“.”。</translation>
    </message>
    <message>
        <source>The service needs a name.</source>
        <translation>服务需要名称。</translation>
    </message>
    <message>
        <source>The service needs an image.</source>
        <translation>服务需要镜像。</translation>
    </message>
    <message>
        <source>An image name has no spaces.</source>
        <translation>镜像名称不能包含空格。</translation>
    </message>
    <message>
        <source>A quote is not closed.</source>
        <translation>引号没有闭合。</translation>
    </message>
    <message>
        <source>A whole number of tasks, 0 or more.</source>
        <translation>任务数须为大于等于 0 的整数。</translation>
    </message>
    <message>
        <source>A whole number, 1 or more.</source>
        <translation>1 或更大的整数。</translation>
    </message>
    <message>
        <source>replicated, global, replicated job or global job.</source>
        <translation>replicated、global、副本作业或全局作业。</translation>
    </message>
    <message>
        <source>vip or dnsrr.</source>
        <translation>vip 或 dnsrr。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): write published:target/protocol mode, e.g. 8080:80/tcp host.</source>
        <translation>第 {line} 行（“{text}”）：请写成 发布端口:目标端口/协议 模式，例如 8080:80/tcp host。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): with DNS round robin, ports are published in host mode.</source>
        <translation>第 {line} 行（“{text}”）：使用 DNS 轮询时，端口须以 host 模式发布。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): write {what}.</source>
        <translation>第 {line} 行（“{text}”）：请写成 {what}。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): write source:/target or source:/target:ro.</source>
        <translation>第 {line} 行（“{text}”）：请写成 源:/目标 或 源:/目标:ro。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): a volume name has letters, digits, “_”, “.” or “-” (a host folder starts with /).</source>
        <translation>第 {line} 行（“{text}”）：存储卷名称只能包含字母、数字、“_”、“.”或“-”（主机目录以 / 开头）。</translation>
    </message>
    <message>
        <source>A number of CPUs, e.g. 0.5.</source>
        <translation>CPU 数量，例如 0.5。</translation>
    </message>
    <message>
        <source>A size such as 64M or 1G.</source>
        <translation>大小，例如 64M 或 1G。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): write e.g. node.labels.zone == east.</source>
        <translation>第 {line} 行（“{text}”）：请写成例如 node.labels.zone == east。</translation>
    </message>
    <message>
        <source>none, on-failure or any.</source>
        <translation>none、on-failure 或 any。</translation>
    </message>
    <message>
        <source>parallelism {parallelism}, delay {delay}, on failure {action}, monitor {monitor}, max failure ratio {ratio}, {order}</source>
        <translation>并行数 {parallelism}，间隔 {delay}，容错策略 {action}，监测时长 {monitor}，最大失败比例 {ratio}，{order}</translation>
    </message>
    <message>
        <source>global job</source>
        <translation>全局作业</translation>
    </message>
    <message>
        <source>replicated job: {completions} completion(s), {concurrent} at a time</source>
        <translation>副本作业：完成 {completions} 个任务，同时 {concurrent} 个</translation>
    </message>
    <message>
        <source>replicated × {replicas}</source>
        <translation>副本 × {replicas}</translation>
    </message>
    <message>
        <source>{condition}, delay {delay}, max attempts {attempts}</source>
        <translation>{condition}，重启延迟 {delay}，最大重启次数 {attempts}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Start command</source>
        <translation>启动命令</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Endpoint mode</source>
        <translation>端点模式</translation>
    </message>
    <message>
        <source>Port mapping</source>
        <translation>端口映射</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Container labels</source>
        <translation>容器标签</translation>
    </message>
    <message>
        <source>Mounts</source>
        <translation>存储卷</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>限制</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>预留</translation>
    </message>
    <message>
        <source>Placement constraints</source>
        <translation>调度约束</translation>
    </message>
    <message>
        <source>Restart policy</source>
        <translation>重启策略</translation>
    </message>
    <message>
        <source>Update policy</source>
        <translation>更新策略</translation>
    </message>
    <message>
        <source>Rollback policy</source>
        <translation>回滚策略</translation>
    </message>
    <message>
        <source>Health check</source>
        <translation>健康检查</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Configs</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Basic info</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Network config</source>
        <translation>网络配置</translation>
    </message>
    <message>
        <source>Container settings</source>
        <translation>容器配置</translation>
    </message>
    <message>
        <source>Resources and placement</source>
        <translation>资源与调度约束</translation>
    </message>
    <message>
        <source>Parallelism</source>
        <translation>并行数</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Failure action</source>
        <translation>容错策略</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>监测时长</translation>
    </message>
    <message>
        <source>Max failure ratio</source>
        <translation>最大失败比例</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>Restart condition</source>
        <translation>重启条件</translation>
    </message>
    <message>
        <source>Restart delay</source>
        <translation>重启延迟</translation>
    </message>
    <message>
        <source>Restart max attempts</source>
        <translation>最大重启次数</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>The {kind} {name} does not exist.</source>
        <translation>{kind} {name} 不存在。</translation>
    </message>
    <message>
        <source>There is no app named {name}.</source>
        <translation>没有名为 {name} 的应用。</translation>
    </message>
    <message>
        <source>The task count cannot be negative.</source>
        <translation>任务数不能为负数。</translation>
    </message>
    <message>
        <source>{name} is a global service: it runs one task per node and cannot be scaled.</source>
        <translation>{name} 是全局服务：每个节点运行一个任务，不能修改任务数。</translation>
    </message>
    <message>
        <source>{name} has no previous version to roll back to.</source>
        <translation>{name} 没有可回滚的上一个版本。</translation>
    </message>
    <message>
        <source>The service mode and the endpoint mode of a service cannot change.</source>
        <translation>服务的模式和端点模式不能修改。</translation>
    </message>
    <message>
        <source>Not connected to a cluster.</source>
        <translation>未连接到集群。</translation>
    </message>
    <message>
        <source>Connect to a cluster first (Cluster › Connect…).</source>
        <translation>请先连接一个集群（集群 › 连接…）。</translation>
    </message>
    <message>
        <source>The constraint key “{key}” is invalid.</source>
        <translation>约束的键“{key}”无效。</translation>
    </message>
    <message>
        <source>The constraint value “{value}” is invalid.</source>
        <translation>约束的值“{value}”无效。</translation>
    </message>
    <message>
        <source>The constraint “{constraint}” has no operator (== or !=).</source>
        <translation>约束“{constraint}”缺少运算符（== 或 !=）。</translation>
    </message>
    <message>
        <source>Its node {node} is paused: it takes no new tasks.</source>
        <translation>所在节点 {node} 已暂停调度：不接受新任务。</translation>
    </message>
    <message>
        <source>Its node {node} is drained: it takes no tasks.</source>
        <translation>所在节点 {node} 已停止调度：不接受任务。</translation>
    </message>
    <message>
        <source>Its node {node} is down.</source>
        <translation>所在节点 {node} 已下线。</translation>
    </message>
    <message>
        <source>No node takes new tasks: every node is down, paused or drained ({nodes}).</source>
        <translation>没有节点接受新任务：所有节点都已下线、暂停调度或停止调度（{nodes}）。</translation>
    </message>
    <message>
        <source>No node satisfies the constraint {constraint}.</source>
        <translation>没有节点满足约束 {constraint}。</translation>
    </message>
    <message>
        <source>No node can satisfy the constraint {constraint}: swarm knows no key {key}.</source>
        <translation>没有节点能满足约束 {constraint}：集群不认识键 {key}。</translation>
    </message>
    <message>
        <source>No node satisfies all the constraints; each fails one: {failures}.</source>
        <translation>没有节点同时满足所有约束，各节点不满足的约束：{failures}。</translation>
    </message>
    <message>
        <source>Only nodes that take no new tasks (down, paused or drained) satisfy the constraints: {nodes}.</source>
        <translation>只有不接受新任务（已下线、暂停调度或停止调度）的节点满足约束：{nodes}。</translation>
    </message>
    <message>
        <source>A placement constraint is invalid: {message}</source>
        <translation>调度约束无效：{message}</translation>
    </message>
    <message>
        <source>No node has a platform the image supports ({platforms}); the nodes run {nodes}.</source>
        <translation>没有节点的平台受镜像支持（{platforms}）；节点的平台为 {nodes}。</translation>
    </message>
    <message>
        <source>Not enough memory: it needs {memory}; {node}, the closest node, has {free_memory} free.</source>
        <translation>内存不足：需要 {memory}；最接近的节点 {node} 只有 {free_memory} 可用。</translation>
    </message>
    <message>
        <source>Not enough CPU: it needs {cpus} CPUs; {node}, the closest node, has {free_cpus} free.</source>
        <translation>CPU 不足：需要 {cpus} 个 CPU；最接近的节点 {node} 只有 {free_cpus} 个可用。</translation>
    </message>
    <message>
        <source>Not enough CPU and memory: it needs {cpus} CPUs and {memory}; {node}, the closest node, has {free_cpus} CPUs and {free_memory} free.</source>
        <translation>CPU 和内存不足：需要 {cpus} 个 CPU 和 {memory}；最接近的节点 {node} 只有 {free_cpus} 个 CPU 和 {free_memory} 可用。</translation>
    </message>
    <message>
        <source>Host port {port} is already in use on every node it may run on ({nodes}).</source>
        <translation>主机端口 {port} 在所有可运行的节点上都已被占用（{nodes}）。</translation>
    </message>
    <message>
        <source>At most {max} task(s) per node, and every node it may run on has that many ({nodes}).</source>
        <translation>每个节点最多 {max} 个任务，所有可运行的节点都已达到上限（{nodes}）。</translation>
    </message>
    <message>
        <source>The image {image} cannot be pulled: {message}</source>
        <translation>无法拉取镜像 {image}：{message}</translation>
    </message>
    <message>
        <source>The nodes could not pull {image} from the registry {registry}: no credentials were sent for it, the registry refused them, or it has no such image. Add the registry's login under Registries, then deploy or update the service again. The engine says: {message}</source>
        <translation>节点无法从镜像仓库 {registry} 拉取 {image}：部署时没有发送其凭据、镜像仓库拒绝了凭据，或仓库中没有该镜像。请在“镜像仓库”中添加该仓库的登录信息，然后重新部署或更新服务。引擎的说明：{message}</translation>
    </message>
    <message>
        <source>Its tasks keep failing: {message}</source>
        <translation>任务不断失败：{message}</translation>
    </message>
    <message>
        <source>The scheduler says: {message}</source>
        <translation>调度器的说明：{message}</translation>
    </message>
    <message>
        <source>Waiting for the scheduler: {nodes} can take it.</source>
        <translation>等待调度：{nodes} 可以运行它。</translation>
    </message>
    <message>
        <source>{n} seconds</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <source>{n} weeks</source>
        <translation>{n} 周</translation>
    </message>
    <message>
        <source>{n} months</source>
        <translation>{n} 个月</translation>
    </message>
    <message>
        <source>{n} years</source>
        <translation>{n} 年</translation>
    </message>
    <message>
        <source>Up {duration}</source>
        <translation>已运行 {duration}</translation>
    </message>
    <message>
        <source>Up {duration} ({note})</source>
        <translation>已运行 {duration}（{note}）</translation>
    </message>
    <message>
        <source>Exited ({code}) {duration} ago</source>
        <translation>已退出（退出码 {code}），{duration}前</translation>
    </message>
    <message>
        <source>Restarting ({code}) {duration} ago</source>
        <translation>重启中（退出码 {code}），{duration}前</translation>
    </message>
    <message>
        <source>The clocks of the nodes could not be compared ({count} read).</source>
        <translation>无法比较各节点的时钟（只读取到 {count} 个）。</translation>
    </message>
    <message>
        <source>Use “Connect host” on the nodes to give their engine addresses.</source>
        <translation>请对这些节点使用“连接主机”填写其引擎地址。</translation>
    </message>
    <message>
        <source>The nodes' clocks differ by {spread} s ({fast} is ahead of {slow}).</source>
        <translation>各节点的时钟相差 {spread} 秒（{fast} 比 {slow} 快）。</translation>
    </message>
    <message>
        <source>Synchronise the nodes' clocks (NTP): certificates, task times and logs depend on them.</source>
        <translation>请同步各节点的时钟（NTP）：证书、任务时间和日志都依赖它。</translation>
    </message>
    <message>
        <source>The clocks of {count} nodes agree within {spread} s.</source>
        <translation>{count} 个节点的时钟一致（相差不超过 {spread} 秒）。</translation>
    </message>
    <message>
        <source>Not checked, engine address not known: {nodes}.</source>
        <translation>未检查，引擎地址未知：{nodes}。</translation>
    </message>
    <message>
        <source>Not checked, engine not reached: {nodes}.</source>
        <translation>未检查，无法访问引擎：{nodes}。</translation>
    </message>
    <message>
        <source>Check that their engines run and that their addresses are right.</source>
        <translation>请确认这些节点的引擎正在运行，且地址正确。</translation>
    </message>
    <message>
        <source>No node's security options could be read.</source>
        <translation>无法读取任何节点的安全选项。</translation>
    </message>
    <message>
        <source>Security options of {count} nodes: {options}.</source>
        <translation>{count} 个节点的安全选项：{options}。</translation>
    </message>
    <message>
        <source>The nodes' security options differ: {options}.</source>
        <translation>各节点的安全选项不同：{options}。</translation>
    </message>
    <message>
        <source>A task may behave differently on each (SELinux volume labels, AppArmor profiles).</source>
        <translation>任务在不同节点上的表现可能不同（SELinux 存储卷标签、AppArmor 配置）。</translation>
    </message>
    <message>
        <source>No node {node} in the swarm.</source>
        <translation>集群中没有节点 {node}。</translation>
    </message>
    <message>
        <source>A global service: its task on {node} stops and nothing replaces it.</source>
        <translation>全局服务：其在 {node} 上的任务将停止，且不会被替代。</translation>
    </message>
    <message>
        <source>A job: its task on {node} is not moved.</source>
        <translation>作业：其在 {node} 上的任务不会迁移。</translation>
    </message>
    <message>
        <source>An update of this service is under way ({state}): drain when it has ended.</source>
        <translation>该服务正在更新（{state}）：请在更新结束后再停止调度。</translation>
    </message>
    <message>
        <source>The node is gone.</source>
        <translation>该节点已不存在。</translation>
    </message>
    <message>
        <source>{node} is already drained.</source>
        <translation>{node} 已停止调度。</translation>
    </message>
    <message>
        <source>{node} cannot be drained without downtime: {reason}</source>
        <translation>无法对 {node} 无中断停止调度：{reason}</translation>
    </message>
    <message>
        <source>{service}: {reason}</source>
        <translation>{service}：{reason}</translation>
    </message>
    <message>
        <source>Its update stopped ({state}): {message}</source>
        <translation>其更新已停止（{state}）：{message}</translation>
    </message>
    <message>
        <source>Its tasks did not move within {seconds} s.</source>
        <translation>其任务未能在 {seconds} 秒内迁移。</translation>
    </message>
    <message>
        <source>The app {name} has no services.</source>
        <translation>应用 {name} 没有服务。</translation>
    </message>
    <message>
        <source>“depends_on” is ignored: docker stack deploy drops it without a warning, and swarm starts the services in no particular order.</source>
        <translation>“depends_on”被忽略：docker stack deploy 不给警告就丢弃它，集群启动服务时不保证先后顺序。</translation>
    </message>
    <message>
        <source>“oom_score_adj” is ignored: docker stack deploy 28 accepts it in version 3.13 and drops it.</source>
        <translation>“oom_score_adj”被忽略：docker stack deploy 28 在 3.13 版本中接受它，但会将其丢弃。</translation>
    </message>
    <message>
        <source>the external network {name} does not exist</source>
        <translation>外部网络 {name} 不存在</translation>
    </message>
    <message>
        <source>the external network {name} is not a swarm network</source>
        <translation>外部网络 {name} 不是集群网络</translation>
    </message>
    <message>
        <source>the external secret {name} does not exist</source>
        <translation>外部密钥 {name} 不存在</translation>
    </message>
    <message>
        <source>the external config {name} does not exist</source>
        <translation>外部配置 {name} 不存在</translation>
    </message>
    <message>
        <source>A job: it runs again now, with the new version.</source>
        <translation>作业：它会立即以新版本再次运行。</translation>
    </message>
    <message>
        <source>A job: no rollout; moving it runs it again.</source>
        <translation>作业：没有滚动更新；切换后会再次运行。</translation>
    </message>
    <message>
        <source>No task runs: nothing to roll out.</source>
        <translation>没有运行中的任务：无需滚动更新。</translation>
    </message>
    <message>
        <source>Its update config: {parallelism} at a time, {order}, on failure {action}.</source>
        <translation>其更新策略：每次 {parallelism} 个，{order}，失败时{action}。</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>{name} is kept by the secret driver {driver}: its value comes from that driver, not from a file. Change it in the driver's store.</source>
        <translation>{name} 由密钥驱动 {driver} 保管：其值来自该驱动，而不是文件。请在该驱动的存储中修改。</translation>
    </message>
    <message>
        <source>Its rollout ended {outcome}: {message}</source>
        <translation>其滚动更新结束（{outcome}）：{message}</translation>
    </message>
    <message>
        <source>Its rollback did not end within {seconds} s.</source>
        <translation>其回滚未在 {seconds} 秒内结束。</translation>
    </message>
    <message>
        <source>The {kind} is in use by {services}: it cannot be removed.</source>
        <translation>{services} 正在使用该{kind}：无法删除。</translation>
    </message>
    <message>
        <source>There is no {kind} named {name}.</source>
        <translation>没有名为 {name} 的{kind}。</translation>
    </message>
    <message>
        <source>{name} is not a valid name: up to 64 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.</source>
        <translation>{name} 不是有效的名称：最多 64 个字母、数字、“-”、“_”或“.”，须以字母或数字开头和结尾。</translation>
    </message>
    <message>
        <source>A {kind} named {name} exists already.</source>
        <translation>名为 {name} 的{kind}已存在。</translation>
    </message>
    <message>
        <source>The {kind} is empty.</source>
        <translation>该{kind}为空。</translation>
    </message>
    <message>
        <source>The {kind} is over 500 KB: the engine takes at most {limit} bytes.</source>
        <translation>该{kind}超过 500 KB：引擎最多接受 {limit} 字节。</translation>
    </message>
    <message>
        <source>The template is not valid, line {line}: {reason}</source>
        <translation>模板无效，第 {line} 行：{reason}</translation>
    </message>
    <message>
        <source>The unlock key is not this swarm's: the manager stays locked.</source>
        <translation>该解锁密钥不属于此集群：管理节点仍保持锁定。</translation>
    </message>
    <message>
        <source>Copy the key from the Swarm page of a running manager (Show), or from where it was kept.</source>
        <translation>请从集群设置页面（显示）复制密钥，或从保存密钥的地方取得。</translation>
    </message>
    <message>
        <source>Give a whole number, 0 or more.</source>
        <translation>请输入 0 或更大的整数。</translation>
    </message>
    <message>
        <source>Give a whole number, 1 or more.</source>
        <translation>请输入 1 或更大的整数。</translation>
    </message>
    <message>
        <source>Give a duration of at least 1s (e.g. 5s).</source>
        <translation>请输入至少 1s 的时长（例如 5s）。</translation>
    </message>
    <message>
        <source>Give a duration of at least 1h (e.g. 2160h for 90 days).</source>
        <translation>请输入至少 1h 的时长（例如 2160h 即 90 天）。</translation>
    </message>
    <message>
        <source>The registry {registry} refused to say which image {reference} is: not authorized.</source>
        <translation>镜像仓库 {registry} 拒绝告知 {reference} 对应的镜像：未授权。</translation>
    </message>
    <message>
        <source>Add the registry's user and password (or token) under Cluster › Registries…, or log in with docker login, then check again.</source>
        <translation>请在“集群 › 镜像仓库…”中添加该镜像仓库的用户名和密码（或令牌），或用 docker login 登录，然后重新检查。</translation>
    </message>
    <message>
        <source>The swarm cannot reach the registry {registry} to check {reference}.</source>
        <translation>集群无法连接镜像仓库 {registry} 来检查 {reference}。</translation>
    </message>
    <message>
        <source>Check the registry's address and port, that the managers can reach it, and that they trust its certificate.</source>
        <translation>请检查镜像仓库的地址和端口、管理节点能否访问它，以及管理节点是否信任其证书。</translation>
    </message>
    <message>
        <source>The registry {registry} has no image {reference}.</source>
        <translation>镜像仓库 {registry} 中没有镜像 {reference}。</translation>
    </message>
    <message>
        <source>The tag may have been deleted or renamed in the registry.</source>
        <translation>该镜像标签可能已在镜像仓库中被删除或改名。</translation>
    </message>
    <message>
        <source>The registry {registry} could not be asked about {reference}: {reason}</source>
        <translation>无法向镜像仓库 {registry} 查询 {reference}：{reason}</translation>
    </message>
    <message>
        <source>{name} runs an image given by its digest only ({image}): there is no tag to follow.</source>
        <translation>{name} 运行的镜像只以摘要指定（{image}）：没有可跟随的镜像标签。</translation>
    </message>
    <message>
        <source>docker's configuration {path} cannot be read.</source>
        <translation>无法读取 docker 的配置 {path}。</translation>
    </message>
    <message>
        <source>docker's saved login for {registry} cannot be decoded.</source>
        <translation>无法解码 docker 为 {registry} 保存的登录信息。</translation>
    </message>
    <message>
        <source>docker's configuration names the credential helper {program}, which is not installed.</source>
        <translation>docker 的配置指定了凭据助手 {program}，但它没有安装。</translation>
    </message>
    <message>
        <source>The credential helper {program} did not answer in time.</source>
        <translation>凭据助手 {program} 没有及时响应。</translation>
    </message>
    <message>
        <source>The credential helper {program} failed.</source>
        <translation>凭据助手 {program} 出错。</translation>
    </message>
    <message>
        <source>The credential helper {program} gave an answer that is not a login.</source>
        <translation>凭据助手 {program} 返回的不是登录信息。</translation>
    </message>
    <message>
        <source>No keyring is available to keep registry passwords: the system has no keyring service.</source>
        <translation>没有可用于保存镜像仓库密码的密钥环：系统没有密钥环服务。</translation>
    </message>
    <message>
        <source>Start the desktop's keyring (Secret Service, e.g. GNOME Keyring or KWallet; Keychain; Windows Credential Manager), or choose a keyring backend with PYTHON_KEYRING_BACKEND.</source>
        <translation>请启动桌面的密钥环（Secret Service，例如 GNOME Keyring 或 KWallet；Keychain；Windows 凭据管理器），或用 PYTHON_KEYRING_BACKEND 指定密钥环后端。</translation>
    </message>
    <message>
        <source>The keyring is locked: the password of {registry} cannot be read.</source>
        <translation>密钥环已锁定：无法读取 {registry} 的密码。</translation>
    </message>
    <message>
        <source>Unlock the keyring (log in to the desktop session) and try again.</source>
        <translation>请解锁密钥环（登录桌面会话）后重试。</translation>
    </message>
    <message>
        <source>“{address}” is not a registry address (host or host:port).</source>
        <translation>“{address}”不是镜像仓库地址（格式为 host 或 host:port）。</translation>
    </message>
    <message>
        <source>The keyring has no password for {user} at {registry}: enter it under Registries.</source>
        <translation>密钥环中没有 {registry} 上用户 {user} 的密码：请在“镜像仓库”中输入。</translation>
    </message>
    <message>
        <source>The registry {registry} refused the login of {user}.</source>
        <translation>镜像仓库 {registry} 拒绝了用户 {user} 的登录。</translation>
    </message>
    <message>
        <source>The engine could not log in to the registry {registry}.</source>
        <translation>引擎无法登录镜像仓库 {registry}。</translation>
    </message>
    <message>
        <source>Check the address, and that the swarm's managers reach the registry and trust its certificate (certs.d).</source>
        <translation>请检查地址，并确认集群的管理节点能访问该镜像仓库且信任其证书（certs.d）。</translation>
    </message>
    <message>
        <source>“{driver}” is not a templating driver the engine knows: use golang.</source>
        <translation>引擎不认识模板驱动“{driver}”：请使用 golang。</translation>
    </message>
    <message>
        <source>{field} is not in a config's template data (.Service.ID/Name/Labels, .Node.ID/Hostname/Platform.OS/Platform.Architecture, .Task.ID/Name/Slot).</source>
        <translation>配置模板的数据中没有 {field}（可用 .Service.ID/Name/Labels、.Node.ID/Hostname/Platform.OS/Platform.Architecture、.Task.ID/Name/Slot）。</translation>
    </message>
    <message>
        <source>a quoted text is not closed.</source>
        <translation>引号中的文字没有闭合。</translation>
    </message>
    <message>
        <source>“{char}” (U+{code}) cannot stand there.</source>
        <translation>此处不能出现“{char}”（U+{code}）。</translation>
    </message>
    <message>
        <source>a “)” has no “(”.</source>
        <translation>“)”没有对应的“(”。</translation>
    </message>
    <message>
        <source>a “(” is not closed.</source>
        <translation>“(”没有闭合。</translation>
    </message>
    <message>
        <source>an empty action “{open} {close}”.</source>
        <translation>空的动作“{open} {close}”。</translation>
    </message>
    <message>
        <source>“{open}end{close}” closes nothing.</source>
        <translation>“{open}end{close}”没有可结束的块。</translation>
    </message>
    <message>
        <source>“{open}else{close}” is outside an if, range or with.</source>
        <translation>“{open}else{close}”不在 if、range 或 with 之内。</translation>
    </message>
    <message>
        <source>the function “{name}” does not exist.</source>
        <translation>函数“{name}”不存在。</translation>
    </message>
    <message>
        <source>a template is UTF-8 text.</source>
        <translation>模板必须是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>a /* comment */ is not closed.</source>
        <translation>/* 注释 */ 没有闭合。</translation>
    </message>
    <message>
        <source>a comment must end right before “{close}”.</source>
        <translation>注释必须紧接在“{close}”之前结束。</translation>
    </message>
    <message>
        <source>a “{open}” is not closed by “{close}”.</source>
        <translation>“{open}”没有用“{close}”闭合。</translation>
    </message>
    <message>
        <source>“{open}{block}{close}” is not closed by “{open}end{close}”.</source>
        <translation>“{open}{block}{close}”没有用“{open}end{close}”结束。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): write a name, or source=name,target=path,uid=0,gid=0,mode=0440.</source>
        <translation>第 {line} 行（“{text}”）：请写名称，或写成 source=name,target=path,uid=0,gid=0,mode=0440（name 为名称，path 为目标路径）。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): the swarm has one of that name already: leave out file= to use it, or choose another name.</source>
        <translation>第 {line} 行（“{text}”）：集群中已有同名对象：去掉 file= 即可使用它，或换一个名称。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): cannot read {file}: {reason}</source>
        <translation>第 {line} 行（“{text}”）：无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): {file} is empty.</source>
        <translation>第 {line} 行（“{text}”）：{file} 是空文件。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): {file} is over 500 KB: the engine takes at most {limit} bytes.</source>
        <translation>第 {line} 行（“{text}”）：{file} 超过 500 KB：引擎最多接受 {limit} 字节。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): {reason}</source>
        <translation>第 {line} 行（“{text}”）：{reason}</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): the template is not valid, line {template_line}: {reason}</source>
        <translation>第 {line} 行（“{text}”）：模板无效，第 {template_line} 行：{reason}</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): file= needs a path.</source>
        <translation>第 {line} 行（“{text}”）：file= 需要填写路径。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): template_driver= goes with file= (an existing object keeps its own).</source>
        <translation>第 {line} 行（“{text}”）：template_driver= 须与 file= 一起使用（已有对象保留自己的模板驱动）。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): the swarm has no secret of that name.</source>
        <translation>第 {line} 行（“{text}”）：集群中没有这个名称的密钥。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): the swarm has no config of that name.</source>
        <translation>第 {line} 行（“{text}”）：集群中没有这个名称的配置。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): the target is empty.</source>
        <translation>第 {line} 行（“{text}”）：目标路径为空。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): uid and gid are numbers, such as 0 or 1000.</source>
        <translation>第 {line} 行（“{text}”）：uid 和 gid 须为数字，例如 0 或 1000。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): the mode is octal, such as 0400 or 0444.</source>
        <translation>第 {line} 行（“{text}”）：权限为八进制，例如 0400 或 0444。</translation>
    </message>
    <message>
        <source>Line {line} (“{text}”): another line uses the target {target}.</source>
        <translation>第 {line} 行（“{text}”）：另一行已使用目标路径 {target}。</translation>
    </message>
    <message>
        <source>the container exited with code {code}</source>
        <translation>容器退出，退出码 {code}</translation>
    </message>
    <message>
        <source>the container exited with code {code}: {detail}</source>
        <translation>容器退出，退出码 {code}：{detail}</translation>
    </message>
    <message>
        <source>No such image: {image}</source>
        <translation>节点上没有该镜像：{image}</translation>
    </message>
    <message>
        <source>starting container failed: {detail}</source>
        <translation>启动容器失败：{detail}</translation>
    </message>
    <message>
        <source>Task count</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>must be a string or a number</source>
        <translation>必须是字符串或数字</translation>
    </message>
    <message>
        <source>{value} is given twice: the items of this list must be unique</source>
        <translation>{value} 出现了两次：此列表中的各项不能重复</translation>
    </message>
    <message>
        <source>must be a string or a list of strings</source>
        <translation>必须是字符串或字符串列表</translation>
    </message>
    <message>
        <source>must be a list or a mapping</source>
        <translation>必须是列表或映射</translation>
    </message>
    <message>
        <source>must be true, false or a mapping</source>
        <translation>必须是 true、false 或映射</translation>
    </message>
    <message>
        <source>must be a string or a mapping</source>
        <translation>必须是字符串或映射</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>{sentence} {next}</source>
        <translation>{sentence}{next}</translation>
    </message>
</context>
</TS>