<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Cannot connect</source>
        <translation>无法连接</translation>
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
        <source>Initialise a swarm</source>
        <translation>初始化集群</translation>
    </message>
    <message>
        <source>Make the engine at %1 the first manager of a new swarm?</source>
        <translation>将 %1 上的引擎设为新集群的第一个管理节点？</translation>
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
        <translation>正在选举 leader</translation>
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
        <translation>集群正在选举 leader；表格显示的是最后已知的状态。</translation>
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
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
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
        <source>The language changes when Crane Desktop starts again.</source>
        <translation>语言将在 Crane Desktop 重新启动后生效。</translation>
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
        <source>{role} (leader)</source>
        <translation>{role}（leader）</translation>
    </message>
    <message>
        <source>active</source>
        <translation>恢复调度</translation>
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
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %2 个中的 %1 个</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
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
    <name>StatusLine</name>
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
        <source>leader %1</source>
        <translation>leader %1</translation>
    </message>
    <message>
        <source>no leader</source>
        <translation>无 leader</translation>
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
        <source>The engine at {endpoint} is not a swarm manager.</source>
        <translation>{endpoint} 上的引擎不是集群管理节点。</translation>
    </message>
    <message>
        <source>Connect to a manager node, or promote this node to manager.</source>
        <translation>请连接到管理节点，或将此节点提升为管理节点。</translation>
    </message>
    <message>
        <source>The swarm has no leader right now.</source>
        <translation>集群当前没有 leader。</translation>
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
        <translation>引擎有响应，但集群正在选举 leader。</translation>
    </message>
    <message>
        <source>Wait a few seconds; the swarm elects a new leader by itself.</source>
        <translation>请稍候几秒；集群会自动选出新的 leader。</translation>
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
        <translation>请连接到管理节点，或提升此节点。</translation>
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
        <source>The profile needs a name.</source>
        <translation>连接配置需要名称。</translation>
    </message>
    <message>
        <source>The profile needs at least one manager endpoint.</source>
        <translation>连接配置至少需要一个管理节点地址。</translation>
    </message>
    <message>
        <source>The {what} file {path} does not exist.</source>
        <translation>{what}文件 {path} 不存在。</translation>
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
</context>
</TS>