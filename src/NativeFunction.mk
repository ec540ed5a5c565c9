# A function's Native AOT package for Lambda's provided.al2023 runtime: the executable `bootstrap`, alone, in
# $(ARTIFACTS_DIR). Each function's Makefile includes this; `sam build --parameter-overrides Packaging=native`
# runs it in the function's folder (samconfig.toml: build_in_source, so the projects it references are there).
# What Packaging=native means to MSBuild is in src/Directory.Build.props; the local emulator publishes the same way.
native-bootstrap:
	dotnet publish . -c Release -r linux-x64 -p:Packaging=native -o "$(ARTIFACTS_DIR)/publish" --nologo
	cp "$(ARTIFACTS_DIR)/publish/bootstrap" "$(ARTIFACTS_DIR)/bootstrap"
	rm -rf "$(ARTIFACTS_DIR)/publish"

.PHONY: native-bootstrap
