; Inno Setup 6 script for Crane Desktop on Windows: installs the PyInstaller one-dir bundle
; (dist\crane-desktop\) under Program Files, a Start-menu entry, an optional desktop shortcut, and an
; uninstaller (Settings > Apps, and the Start-menu "Uninstall" entry).
;
; Built by packaging\build.py on Windows, which passes the version and paths:
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\crane-desktop /DOutputDir=dist
;        /DIconFile=crane_desktop\resources\icons\crane-desktop.ico packaging\windows\crane-desktop.iss
; Output: dist\CraneDesktop-<version>-setup.exe

#ifndef AppVersion
  #define AppVersion "0.0.0"
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
VersionInfoVersion={#AppVersion}
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
