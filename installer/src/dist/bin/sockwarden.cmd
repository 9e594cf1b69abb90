@echo off
rem Launcher for an installed Sockwarden on Windows: <prefix>\bin\sockwarden.cmd with the jars in
rem <prefix>\lib. The POSIX launcher's JVM flags (small young generation, serial GC, C1 only) and
rem the JRE's default class-data sharing archive. Unlike the POSIX launcher it does not dump a
rem dynamic archive at exit: after WMI has been used that dump did not finish under Wine.
rem JNA unpacks its native library in SOCKWARDEN_CDS_DIR (default: <prefix>\cds for the zip,
rem %LOCALAPPDATA%\Sockwarden\jna for an MSI installation, whose program files belong to the
rem installer; %TEMP% when that cannot be created). The JVM: JAVA if set, else the bundled <prefix>\jre (the MSI installs
rem one), else JAVA_HOME, else java on the PATH. SOCKWARDEN_JAVA_OPTS adds options.
rem No parenthesised blocks below: a path such as "C:\Program Files (x86)" would end them early.
setlocal
set "HERE=%~dp0.."
set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if exist "%HERE%\jre\bin\java.exe" set "JAVA_EXE=%HERE%\jre\bin\java.exe"
if defined JAVA set "JAVA_EXE=%JAVA%"
set "CDS_DIR=%HERE%\cds"
if exist "%HERE%\jre\bin\java.exe" if defined LOCALAPPDATA set "CDS_DIR=%LOCALAPPDATA%\Sockwarden\jna"
if defined SOCKWARDEN_CDS_DIR set "CDS_DIR=%SOCKWARDEN_CDS_DIR%"
if not exist "%CDS_DIR%\" mkdir "%CDS_DIR%" 2>nul || set "CDS_DIR=%TEMP%"
"%JAVA_EXE%" -Xshare:auto -Xlog:cds=off ^
  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn8m -Xss512k -XX:CICompilerCount=1 ^
  "-Djna.tmpdir=%CDS_DIR%" %SOCKWARDEN_JAVA_OPTS% ^
  -cp "%HERE%\lib\*" io.sockwarden.agent.Main %*
exit /b %ERRORLEVEL%
