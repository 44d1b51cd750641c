; Inno Setup 6 script for Crane Desktop on Windows: installs the PyInstaller one-dir bundle
; (dist\crane-desktop\) under Program Files, a Start-menu entry, an optional desktop shortcut, and an
; uninstaller (Settings > Apps, and the Start-menu "Uninstall" entry).
;
; Built by packaging\build.py on Windows, which passes the version and paths:
;   iscc /DAppVersion=0.2.0rc1 /DNumericVersion=0.2.0.0 /DSourceDir=dist\crane-desktop /DOutputDir=dist
;        /DIconFile=crane_desktop\resources\icons\crane-desktop.ico packaging\windows\crane-desktop.iss
; AppVersion is the package's PEP 440 version, pre-releases included; NumericVersion the four numbers
; Windows' version resource accepts (build.py's windows_file_version: 0.2.0rc1 -> 0.2.0.0).
; Output: dist\CraneDesktop-<version>-setup.exe

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef NumericVersion
  #define NumericVersion "0.0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\crane-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\crane_desktop\resources\icons\crane-desktop.ico"
#endif

#define AppName "Crane Desktop"
#define AppExe "crane-desktop.exe"

[Setup]
; A fixed AppId: upgrades replace the installed version instead of installing beside it.
AppId={{6F0C2B1E-3C55-4E0B-9D0A-5B7C1C2D7A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Crane Desktop
VersionInfoVersion={#NumericVersion}
VersionInfoProductTextVersion={#AppVersion}
; the addtopath task changes PATH: tell running programs (Explorer, new terminals) about it
ChangesEnvironment=yes
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install without admin rights by default; all users (Program Files) chosen in a dialog or
; with /ALLUSERS. (ArchitecturesAllowed=x64compatible needs Inno Setup 6.3 or newer.)
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=CraneDesktop-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/normal
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships no Simplified Chinese messages by default; the app itself follows the system language.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
; crane-desktop.exe is a console program: on PATH, the headless commands (crane-desktop deploy, stack,
; entrypoints) run from any terminal. The user's PATH for a per-user install, the system's for all users.
Name: "addtopath"; Description: "Add crane-desktop to the PATH (for its commands in a terminal)"; Flags: unchecked

[Registry]
Root: HKA; Subkey: "{code:EnvironmentKey}"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NotOnPath(ExpandConstant('{app}'))

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; PyInstaller's bundle writes no files at run time; settings and logs live in the user's profile and stay.
Type: dirifempty; Name: "{app}"
;
[Code]
// HKA is HKCU for a per-user install and HKLM for all users; the Path value lives under these keys.
function EnvironmentKey(Param: String): String;
begin
  if IsAdminInstallMode then
    Result := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
  else
    Result := 'Environment';
end;

function EnvironmentRoot: Integer;
begin
  if IsAdminInstallMode then
    Result := HKEY_LOCAL_MACHINE
  else
    Result := HKEY_CURRENT_USER;
end;

// Where Dir stands in the ;-separated Paths (1-based, 0 when absent), case-insensitively.
function PathEntryPos(Paths, Dir: String): Integer;
begin
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';');
end;

function NotOnPath(Dir: String): Boolean;
var
  Paths: String;
begin
  if not RegQueryStringValue(EnvironmentRoot, EnvironmentKey(''), 'Path', Paths) then
    Paths := '';
  Result := PathEntryPos(Paths, Dir) = 0;
end;

// The uninstaller takes the app's folder out of PATH again (the entry and one separator).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Paths, Dir: String;
  At: Integer;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  if not RegQueryStringValue(EnvironmentRoot, EnvironmentKey(''), 'Path', Paths) then
    exit;
  Dir := ExpandConstant('{app}');
  At := PathEntryPos(Paths, Dir);
  if At = 0 then
    exit;
  if At > 1 then
    Delete(Paths, At - 1, Length(Dir) + 1)
  else
    Delete(Paths, At, Length(Dir) + 1);
  RegWriteExpandStringValue(EnvironmentRoot, EnvironmentKey(''), 'Path', Paths);
end;
