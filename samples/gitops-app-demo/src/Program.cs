using GitOpsAppDemo;

var app = DemoApp.Create(args);
app.Run();
